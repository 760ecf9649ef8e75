namespace CdsLearn.Figures;

/// <summary>
/// The province's commune figures, read once and kept. After a change (as told by the keeper after each commit) only
/// the communes it touched are read again: a learner's pass or a household edit changes one commune, not 75. Every 15
/// seconds everything is read again, since a change committed by another server is not told here. Never serves
/// numbers older than a change this server committed. The figures it holds are not changed after they are kept.
/// </summary>
public sealed class ProvinceFigureCache(TimeProvider clock) : IFigureListener
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    /// <summary>More changed communes than this since the last read: one read of them all is cheaper than the list.</summary>
    public const int MaxChangedCommunes = 16;

    private readonly Lock gate = new();

    /// <summary>Each changed commune, with the version of its last change.</summary>
    private readonly Dictionary<int, long> changed = [];

    private long version;
    private Kept? kept;

    private sealed record Kept(long Version, int Quarter, DateTimeOffset ReadWholeAt, IReadOnlyList<PlaceFigures> Communes);

    /// <summary>What a reader must do: nothing (<see cref="Communes"/> are current), read <see cref="Changed"/> again
    /// and keep the rest of <see cref="Communes"/>, or, when <see cref="Communes"/> is null, read everything.</summary>
    public sealed record Plan(long Version, IReadOnlyList<PlaceFigures>? Communes, IReadOnlySet<int> Changed);

    public void OnCommitted(FigureChange change)
    {
        lock (gate)
        {
            version++;
            foreach (var communeId in change.CommuneIds)
            {
                changed[communeId] = version;
            }
        }
    }

    public Plan PlanRead(Quarter quarter)
    {
        lock (gate)
        {
            if (kept is not { } k || k.Quarter != quarter.Key || clock.GetUtcNow() - k.ReadWholeAt >= MaxAge || changed.Count > MaxChangedCommunes)
            {
                return new Plan(version, null, new HashSet<int>());
            }
            return new Plan(version, k.Communes, changed.Keys.ToHashSet());
        }
    }

    /// <param name="plan">The plan the figures were read by: a change during the read stays to be read next time.</param>
    public void Keep(Plan plan, Quarter quarter, IReadOnlyList<PlaceFigures> communes)
    {
        lock (gate)
        {
            if (kept is { } newer && newer.Version > plan.Version)
            {
                return;
            }
            var readWholeAt = plan.Communes is null || kept is null ? clock.GetUtcNow() : kept.ReadWholeAt;
            kept = new Kept(plan.Version, quarter.Key, readWholeAt, communes);
            foreach (var (communeId, at) in changed.ToList())
            {
                if (at <= plan.Version)
                {
                    changed.Remove(communeId);
                }
            }
        }
    }
}
