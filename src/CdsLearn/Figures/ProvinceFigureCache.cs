namespace CdsLearn.Figures;

/// <summary>
/// What the province's dashboard reads for every commune, read once and kept (<see cref="KeptPerCommune{T}"/>): the
/// commune figures, their teams and workers, and this quarter's open assignments. After a change (as told by the
/// keeper after each commit, and by the team service) only the communes it touched are read again: a learner's pass
/// or a household edit changes one commune, not 75. Every 15 seconds everything is read again, since a change
/// committed by another server is not told here. What passes with time alone (an assignment's date, 30 days since a
/// worker's last outreach) is kept as dates and counted at each view.
/// </summary>
public sealed class ProvinceFigureCache(TimeProvider clock) : IFigureListener
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(15);

    /// <summary>More changed communes than this since the last read: one read of them all is cheaper than the list.</summary>
    public const int MaxChangedCommunes = 16;

    /// <summary>The communes with their figures, in the order the dashboard shows them; keyed by the quarter.</summary>
    public KeptPerCommune<IReadOnlyList<PlaceFigures>> Communes { get; } = new(clock);

    /// <summary>Each commune's teams and its workers' last outreach.</summary>
    public KeptPerCommune<IReadOnlyDictionary<int, CommuneTeams>> Teams { get; } = new(clock);

    /// <summary>The due dates of each commune's assignments of the quarter not done yet; keyed by the quarter.</summary>
    public KeptPerCommune<IReadOnlyDictionary<int, DateOnly[]>> OpenAssignments { get; } = new(clock);

    public void OnCommitted(FigureChange change)
    {
        Communes.Changed(change.CommuneIds);
        Teams.Changed(change.CommuneIds);
        OpenAssignments.Changed(change.CommuneIds);
    }
}
