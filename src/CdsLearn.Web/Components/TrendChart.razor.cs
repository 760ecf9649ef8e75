using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace CdsLearn.Web.Components;

/// <summary>One line of a trend chart: a value per x label, null where there is no figure for that period.</summary>
public sealed record TrendSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>
/// A line chart drawn on the server as inline SVG: no script, no chart library. The legend and the table of figures
/// are plain HTML beside the SVG, so they wrap on a phone and reach screen readers.
/// </summary>
public partial class TrendChart
{
    // The drawing is laid out in these user units; the SVG then scales to the width of its container.
    internal const double Width = 400;
    internal const double Height = 280;
    private const double FontSize = 14;
    private const double CharWidth = FontSize * 0.6; // a generous average, so labels never collide
    private const double Top = 14;

    private static CultureInfo Vietnamese => SiteCulture.Vietnamese;

    // Six looks that differ in colour (CSS class), dash and marker, so the lines can be told apart in greyscale too.
    private static readonly string[] Dashes = ["", "7 4", "2 3", "9 3 2 3", "12 6", "3 3 3 3 9 3"];
    internal const int Looks = 6;

    /// <summary>The x axis, oldest first, e.g. "Q1/2026".</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Labels { get; set; } = [];

    /// <summary>One to about six lines; each has a value (or null) per label.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<TrendSeries> Series { get; set; } = [];

    [Parameter, EditorRequired] public string Title { get; set; } = "";

    /// <summary>Values are percentages 0–100 and the y axis is fixed at 0–100 %; otherwise counts from 0 to a round maximum.</summary>
    [Parameter] public bool Percent { get; set; }

    /// <summary>A dashed horizontal line labelled "Chỉ tiêu …", in the same unit as the values.</summary>
    [Parameter] public double? Target { get; set; }

    private bool HasData { get; set; }
    private string Id { get; set; } = "";
    private string Description { get; set; } = "";
    private double PlotLeft { get; set; }
    private double PlotRight { get; set; }
    private double PlotBottom { get; set; }
    private List<Tick> Ticks { get; } = [];
    private List<XLabel> XLabels { get; } = [];
    private List<Line> Lines { get; } = [];
    private TargetLine? TargetMark { get; set; }

    protected override void OnParametersSet()
    {
        Ticks.Clear();
        XLabels.Clear();
        Lines.Clear();
        TargetMark = null;
        HasData = Labels.Count > 0 && Series.Any(s => Enumerable.Range(0, Labels.Count).Any(i => ValueAt(s, i) is not null));
        if (!HasData)
        {
            return;
        }

        Id = "trend-" + StableHash(Title, Labels, Series);
        var max = Percent ? 100 : NiceMax(Math.Max(Target ?? 0, Series.Max(s => Enumerable.Range(0, Labels.Count).Max(i => ValueAt(s, i) ?? 0))));
        var tickValues = Percent ? [0, 25, 50, 75, 100] : TickValues(max);

        // Margins grow with the longest tick label and with half of the first and last x labels, which are centred.
        var lines = Labels.Select(SplitLabel).ToList();
        var labelWidth = lines.Max(l => l.Max(part => part.Length)) * CharWidth;
        var tickWidth = tickValues.Max(v => Format(v).Length) * CharWidth;
        PlotLeft = Math.Max(tickWidth + 10, labelWidth / 2 + 2);
        PlotRight = Width - Math.Max(10, labelWidth / 2 + 2);
        PlotBottom = Height - (lines.Any(l => l.Length > 1) ? 2 * FontSize + 12 : FontSize + 12);

        double X(int i) => Labels.Count == 1 ? (PlotLeft + PlotRight) / 2 : PlotLeft + i * (PlotRight - PlotLeft) / (Labels.Count - 1);
        double Y(double value) => PlotBottom - Math.Clamp(value, 0, max) / max * (PlotBottom - Top);

        foreach (var value in tickValues)
        {
            Ticks.Add(new Tick(N(Y(value)), Format(value)));
        }

        // Only every step-th label when they would collide; the newest is always shown.
        var spacing = Labels.Count == 1 ? double.MaxValue : (PlotRight - PlotLeft) / (Labels.Count - 1);
        var step = (int)Math.Ceiling((labelWidth + 8) / spacing);
        for (var i = 0; i < Labels.Count; i++)
        {
            if ((Labels.Count - 1 - i) % step == 0)
            {
                XLabels.Add(new XLabel(N(X(i)), lines[i]));
            }
        }

        for (var s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            var segments = new List<string>();
            var markers = new List<Marker>();
            var run = new List<string>();
            for (var i = 0; i <= Labels.Count; i++)
            {
                var value = i < Labels.Count ? ValueAt(series, i) : null;
                if (value is { } v)
                {
                    var (x, y) = (X(i), Y(v));
                    run.Add($"{N(x)},{N(y)}");
                    markers.Add(new Marker(x, y));
                }
                else
                {
                    // A gap in the data breaks the line: a missing quarter is not drawn as a slope.
                    if (run.Count > 1)
                    {
                        segments.Add(string.Join(' ', run));
                    }

                    run.Clear();
                }
            }

            Lines.Add(new Line(series.Name, s % Looks, Dashes[s % Looks], segments, markers));
        }

        if (Target is { } target)
        {
            var y = Y(target);
            // The label sits above the line, or below it when the line runs along the top of the plot.
            TargetMark = new TargetLine(N(y), N(y < Top + FontSize + 4 ? y + FontSize + 2 : y - 5), "Chỉ tiêu " + Format(target));
        }

        Description = DescribeLatest();
    }

    private string DescribeLatest()
    {
        var parts = Series.Select(s =>
        {
            var last = Enumerable.Range(0, Labels.Count).LastOrDefault(i => ValueAt(s, i) is not null, -1);
            return last < 0 ? $"{s.Name}: chưa có số liệu" : $"{s.Name}: {Format(ValueAt(s, last)!.Value)} ({Labels[last]})";
        });
        var period = Labels.Count == 1 ? Labels[0] : $"Từ {Labels[0]} đến {Labels[^1]}";
        var target = Target is { } t ? $" Chỉ tiêu: {Format(t)}." : "";
        return $"{period}. Số liệu gần nhất: {string.Join("; ", parts)}.{target}";
    }

    /// <summary>The value for label i; a missing, NaN or infinite value counts as no data.</summary>
    private static double? ValueAt(TrendSeries series, int i) =>
        i < series.Values.Count && series.Values[i] is { } v && double.IsFinite(v) ? v : null;

    /// <summary>The top of a count axis: the value rounded up to 1, 2 or 5 × 10^n (never below 1).</summary>
    internal static double NiceMax(double value)
    {
        if (value <= 1)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        var mantissa = value / power;
        // The tolerance keeps 1000 at 1000 when Log10 or the division lands a hair off.
        var nice = mantissa <= 1 + 1e-9 ? 1 : mantissa <= 2 + 1e-9 ? 2 : mantissa <= 5 + 1e-9 ? 5 : 10;
        return nice * power;
    }

    /// <summary>Three to five whole-number ticks from 0 to max (six for a maximum of 5, which only splits into ones).</summary>
    internal static double[] TickValues(double max)
    {
        foreach (var intervals in new[] { 4, 2, 5, 1 })
        {
            var step = max / intervals;
            if (Math.Abs(step - Math.Round(step)) < 1e-9)
            {
                return Enumerable.Range(0, intervals + 1).Select(i => i * step).ToArray();
            }
        }

        return [0, max];
    }

    /// <summary>A number as Vietnamese readers write it: 12.345 and 12,5; percentages as "45 %".</summary>
    private string Format(double value) => value.ToString("#,##0.#", Vietnamese) + (Percent ? " %" : "");

    /// <summary>An SVG coordinate: invariant culture always, or a vi-VN server would write "12,5".</summary>
    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>"Q1/2026" becomes two short lines, "Q1" over "2026", so twelve quarters fit a phone.</summary>
    private static string[] SplitLabel(string label)
    {
        var cut = label.IndexOfAny(['/', ' ']);
        return cut > 0 && cut < label.Length - 1 ? [label[..cut], label[(cut + 1)..]] : [label];
    }

    /// <summary>A stable id (no random part, so the page's ETag stays put) for the title and desc references.</summary>
    private static string StableHash(string title, IReadOnlyList<string> labels, IReadOnlyList<TrendSeries> series)
    {
        var hash = 2166136261u;
        foreach (var c in string.Join('\u001f', [title, .. labels, .. series.Select(s => s.Name)]))
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash.ToString("x8", CultureInfo.InvariantCulture);
    }

    /// <summary>The marker shape for a look: circle, square, triangle, diamond, down triangle, ring.</summary>
    private static string MarkerPath(int look, double x, double y) => look switch
    {
        1 => $"M{N(x - 3.5)},{N(y - 3.5)}h7v7h-7Z",
        2 => $"M{N(x)},{N(y - 5)}L{N(x + 4.5)},{N(y + 3.5)}H{N(x - 4.5)}Z",
        3 => $"M{N(x)},{N(y - 5)}L{N(x + 5)},{N(y)}L{N(x)},{N(y + 5)}L{N(x - 5)},{N(y)}Z",
        4 => $"M{N(x)},{N(y + 5)}L{N(x + 4.5)},{N(y - 3.5)}H{N(x - 4.5)}Z",
        _ => "",
    };

    private sealed record Tick(string Y, string Label);

    private sealed record XLabel(string X, string[] Lines);

    private sealed record Marker(double X, double Y);

    private sealed record Line(string Name, int Look, string Dash, List<string> Segments, List<Marker> Markers);

    private sealed record TargetLine(string Y, string LabelY, string Label);
}
