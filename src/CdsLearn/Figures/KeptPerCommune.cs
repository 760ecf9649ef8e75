namespace CdsLearn.Figures;

/// <summary>
/// Something the dashboard reads for every commune of the province, kept between views: after a change only the
/// communes it touched are read again. It is read whole again when its key moves on (a new quarter), when more than
/// <see cref="ProvinceFigureCache.MaxChangedCommunes"/> communes changed since, and every
/// <see cref="ProvinceFigureCache.MaxAge"/>, since a change committed by another server is not told here. Never
/// older than a change this server committed. What it holds is not changed once kept.
/// </summary>
public sealed class KeptPerCommune<T>(TimeProvider clock) where T : class
{
    private readonly Lock gate = new();

    /// <summary>Each changed commune, with the version of its last change.</summary>
    private readonly Dictionary<int, long> changed = [];

    private long version;
    private Held? held;

    private sealed record Held(long Version, int Key, DateTimeOffset ReadWholeAt, T Values);

    /// <summary>What a reader must do: nothing (<see cref="Values"/> are current), read <see cref="Changed"/> again and
    /// keep the rest of <see cref="Values"/>, or, when <see cref="Values"/> is null, read everything.</summary>
    public sealed record Plan(long Version, T? Values, IReadOnlySet<int> Changed);

    public void Changed(IEnumerable<int> communeIds)
    {
        lock (gate)
        {
            version++;
            foreach (var communeId in communeIds)
            {
                changed[communeId] = version;
            }
        }
    }

    public Plan PlanRead(int key)
    {
        lock (gate)
        {
            if (held is not { } h || h.Key != key || clock.GetUtcNow() - h.ReadWholeAt >= ProvinceFigureCache.MaxAge
                || changed.Count > ProvinceFigureCache.MaxChangedCommunes)
            {
                return new Plan(version, null, new HashSet<int>());
            }
            return new Plan(version, h.Values, changed.Keys.ToHashSet());
        }
    }

    /// <param name="plan">The plan the values were read by: a change during the read stays to be read next time.</param>
    public void Keep(Plan plan, int key, T values)
    {
        lock (gate)
        {
            if (held is { } newer && newer.Version > plan.Version)
            {
                return;
            }
            var readWholeAt = plan.Values is null || held is null ? clock.GetUtcNow() : held.ReadWholeAt;
            held = new Held(plan.Version, key, readWholeAt, values);
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

public static class KeptPerCommune
{
    /// <summary>The values kept for each commune, first read again where <paramref name="part"/> says so.</summary>
    /// <param name="read">Reads the communes given (a value for each: the empty one where there is nothing), or all
    /// communes when given null.</param>
    public static async Task<IReadOnlyDictionary<int, TValue>> ReadAsync<TValue>(this KeptPerCommune<IReadOnlyDictionary<int, TValue>> part, int key,
        Func<IReadOnlyCollection<int>?, Task<Dictionary<int, TValue>>> read)
    {
        var plan = part.PlanRead(key);
        if (plan.Values is { } current && plan.Changed.Count == 0)
        {
            return current;
        }
        Dictionary<int, TValue> values;
        if (plan.Values is { } kept)
        {
            values = new Dictionary<int, TValue>(kept);
            foreach (var (communeId, fresh) in await read(plan.Changed))
            {
                values[communeId] = fresh;
            }
        }
        else
        {
            values = await read(null);
        }
        part.Keep(plan, key, values);
        return values;
    }
}
