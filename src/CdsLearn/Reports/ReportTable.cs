namespace CdsLearn.Reports;

/// <summary>What a column holds, so that both exports write numbers and dates as numbers and dates, never as text.</summary>
public enum ReportValueKind
{
    /// <summary>Any value, written as its invariant text.</summary>
    Text,

    /// <summary><c>int</c> or <c>long</c>.</summary>
    Integer,

    /// <summary>A fraction as <c>double</c> or <c>decimal</c>: 0.375 is 37.5 %. XLSX shows it as "37.5%"; CSV keeps 0.375.</summary>
    Percent,

    /// <summary><c>DateOnly</c>.</summary>
    Date,
}

public sealed record ReportColumn(string Header, ReportValueKind Kind);

/// <summary>One table to export, e.g. the quarterly report of each commune. A row holds one value per column, null for an
/// empty cell. Notes are free-text lines (e.g. "Khó khăn, vướng mắc: …") written below the table.</summary>
public sealed record ReportTable(string Title, IReadOnlyList<ReportColumn> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows)
{
    public IReadOnlyList<string> Notes { get; init; } = [];
}
