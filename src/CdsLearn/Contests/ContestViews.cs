namespace CdsLearn.Contests;

public sealed record ContestSummary(
    int Id, string Title, string Code, int CommuneId, string CommuneName, DateTime CreatedAt, ContestPhase Phase, ContestMode Mode,
    int Players, int Households, IReadOnlyList<string> Winners);

public sealed record PlayedContest(string Title, DateTime CreatedAt, ContestMode Mode, int Right, int Asked, int Score);

public sealed record BoardPlayer(string Name, int Score, int Right, bool Eliminated);

public sealed record BoardView(
    int Id, string Code, string Title, ContestMode Mode, ContestPhase Phase, int Index, int Total, int Seconds,
    string? Text, IReadOnlyList<string>? Options, int? ClosesInMs, int? Correct, string? Explanation,
    IReadOnlyList<int>? OptionCounts, int Players, int Active, int Answered, IReadOnlyList<BoardPlayer> Leaders,
    IReadOnlyList<string> Winners, bool CanRescue, bool IsLast);

public sealed record PlayerView(
    string Title, ContestMode Mode, ContestPhase Phase, int Index, int Total, int Seconds,
    string? Text, IReadOnlyList<string>? Options, int? ClosesInMs, int? Correct, string? Explanation,
    IReadOnlyList<string>? Winners);

public sealed record PlayerSelf(string Name, int Score, int Right, bool Eliminated, int? Answer);
