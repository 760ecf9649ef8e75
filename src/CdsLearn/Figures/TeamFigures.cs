namespace CdsLearn.Figures;

/// <summary>Teams of a place: how many, how many workers, and how many worked in the last 30 days.</summary>
public sealed record TeamCount(int Teams, int Workers, int ActiveWorkers);

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
