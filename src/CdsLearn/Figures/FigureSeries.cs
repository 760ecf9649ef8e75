namespace CdsLearn.Figures;

/// <summary>The figures of one place (a village, a commune, a team, the province): per metric, the count in each quarter.</summary>
public sealed class FigureSeries
{
    private readonly Dictionary<string, Dictionary<int, int>> byMetric = [];

    public void Add(string metric, int quarter, int value)
    {
        if (!byMetric.TryGetValue(metric, out var quarters))
        {
            byMetric[metric] = quarters = [];
        }
        quarters[quarter] = quarters.GetValueOrDefault(quarter) + value;
    }

    public void Add(FigureSeries other)
    {
        foreach (var (metric, quarters) in other.byMetric)
        {
            foreach (var (quarter, value) in quarters)
            {
                Add(metric, quarter, value);
            }
        }
    }

    /// <summary>The standing total at the end of the quarter: everything counted in it or before.</summary>
    public int AsOf(string metric, Quarter quarter) =>
        byMetric.TryGetValue(metric, out var quarters) ? quarters.Where(q => q.Key <= quarter.Key).Sum(q => q.Value) : 0;

    /// <summary>What was counted within the quarter.</summary>
    public int In(string metric, Quarter quarter) =>
        byMetric.TryGetValue(metric, out var quarters) ? quarters.GetValueOrDefault(quarter.Key) : 0;

    /// <summary>The first quarter anything was counted in, if any (quarter 0 holds older quarters summed up).</summary>
    public Quarter? First => byMetric.Values.SelectMany(q => q.Keys).Where(k => k > 0).DefaultIfEmpty().Min() is var key and > 0 ? Quarter.FromKey(key) : null;

    public static FigureSeries Sum(IEnumerable<FigureSeries> parts)
    {
        var total = new FigureSeries();
        foreach (var part in parts)
        {
            total.Add(part);
        }
        return total;
    }
}
