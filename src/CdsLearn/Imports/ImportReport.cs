namespace CdsLearn.Imports;

/// <summary>A problem with one row of an imported file; line numbers count the header as line 1.</summary>
public sealed record ImportProblem(int Line, string Message)
{
    public override string ToString() => $"dòng {Line}: {Message}";
}

/// <summary>What an import did, or why it did nothing: a file with any problem is not imported at all.</summary>
public sealed record ImportReport(IReadOnlyList<ImportProblem> Problems, int Added, int Updated, int Unchanged)
{
    public bool Succeeded => Problems.Count == 0;

    public static ImportReport Rejected(IReadOnlyList<ImportProblem> problems) => new(problems, 0, 0, 0);
}
