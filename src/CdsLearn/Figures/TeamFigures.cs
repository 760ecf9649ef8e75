namespace CdsLearn.Figures;

/// <summary>Teams of a place: how many, how many workers, and how many worked in the last 30 days.</summary>
public sealed record TeamCount(int Teams, int Workers, int ActiveWorkers);

/// <summary>A commune's teams, its workers, and the last outreach of those who did any in the 30 days before it was
/// read, as kept between views; who counts as active is worked out at each view, so a worker stops counting 30 days
/// on without a change.</summary>
public sealed record CommuneTeams(int Teams, int Workers, DateTime[] RecentOutreach)
{
    public static readonly CommuneTeams None = new(0, 0, []);

    public TeamCount CountSince(DateTime since) => new(Teams, Workers, RecentOutreach.Count(at => at >= since));
}

/// <summary>One worker's work in a quarter and in all. Observed: the people the worker saw do a real task ("Tổ xác nhận").</summary>
public sealed record WorkerWork(string UserId, string Name, bool IsLeader, int Households, int Helped, int AssignmentsDone, int Observed,
    int HouseholdsTotal, int HelpedTotal, int AssignmentsDoneTotal, int ObservedTotal);

public sealed record TeamWork(int Id, string Name, int? VillageId, IReadOnlyList<WorkerWork> Workers)
{
    public int Households => Workers.Sum(w => w.Households);
    public int Helped => Workers.Sum(w => w.Helped);
    public int AssignmentsDone => Workers.Sum(w => w.AssignmentsDone);
    public int Observed => Workers.Sum(w => w.Observed);
}
