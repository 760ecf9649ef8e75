namespace CdsLearn.Figures;

/// <summary>
/// The names of the figures kept per village, commune and team worker. Each figure is a count of events in a quarter
/// (a household registered, a certificate issued…); the standing total at the end of a quarter is the sum over that
/// quarter and every earlier one. Everything is attributed to the household a person belongs to today.
/// </summary>
public static class Metric
{
    /// <summary>Households registered (quarter of registration).</summary>
    public const string Households = "hh";

    /// <summary>People listed in households (quarter of the household's registration).</summary>
    public const string People = "ppl";

    /// <summary>People of households with an account (quarter the account was made).</summary>
    public const string Learners = "lrn";

    /// <summary>Households covered: at least one member holds "Công dân số" (quarter of the first such certificate).</summary>
    public const string Covered = "cov";

    /// <summary>"Gia đình số": every member aged 15 or more holds "Công dân số" (quarter the last of them got it).</summary>
    public const string DigitalFamilies = "fam";

    /// <summary>Assignments given to households (quarter given), done (quarter done), and not done by due-date quarter.</summary>
    public const string Assigned = "asg";
    public const string AssignedDone = "asg-done";
    public const string OpenByDueQuarter = "due";

    /// <summary>People helped in "Học cùng tổ" sessions (quarter of their first assisted quiz); for a worker, the
    /// people that worker helped.</summary>
    public const string Helped = "helped";

    /// <summary>People with at least one undisputed "Tổ xác nhận" task (quarter of their first); for a worker, the
    /// people that worker observed (quarter of the first task they observed of that person).</summary>
    public const string Observed = "obs";

    /// <summary>Valid certificates of a skill (or "Công dân số") held by household members, by quarter issued.</summary>
    public static string Certificates(string skillId) => "c:" + skillId;

    /// <summary>Households where at least one member holds the skill's certificate (quarter of the first one).</summary>
    public static string HouseholdsWithSkill(string skillId) => "hs:" + skillId;

    /// <summary>People with at least one undisputed "Tổ xác nhận" task of the skill (quarter of their first one).</summary>
    public static string ObservedInSkill(string skillId) => "obs:" + skillId;

    /// <summary>People of an age group, and those of them holding "Công dân số".</summary>
    public static string PeopleAged(AgeGroup group) => "age:" + AgeGroups.Key(group);

    public static string CertifiedAged(AgeGroup group) => "agec:" + AgeGroups.Key(group);
}

public enum AgeGroup
{
    Under15,
    From15To29,
    From30To59,
    From60,
    Unknown,
}

public static class AgeGroups
{
    public static readonly IReadOnlyList<AgeGroup> All = Enum.GetValues<AgeGroup>();

    /// <summary>Age in the year the figures are kept for, from the birth year.</summary>
    public static AgeGroup Of(int? birthYear, int referenceYear) => (referenceYear - birthYear) switch
    {
        null => AgeGroup.Unknown,
        < 15 => AgeGroup.Under15,
        < 30 => AgeGroup.From15To29,
        < 60 => AgeGroup.From30To59,
        _ => AgeGroup.From60,
    };

    public static string Key(AgeGroup group) => group switch
    {
        AgeGroup.Under15 => "0",
        AgeGroup.From15To29 => "15",
        AgeGroup.From30To59 => "30",
        AgeGroup.From60 => "60",
        _ => "x",
    };

    public static string Label(AgeGroup group) => group switch
    {
        AgeGroup.Under15 => "Dưới 15 tuổi",
        AgeGroup.From15To29 => "15–29 tuổi",
        AgeGroup.From30To59 => "30–59 tuổi",
        AgeGroup.From60 => "Từ 60 tuổi",
        _ => "Chưa rõ năm sinh",
    };
}

public class VillageFigure
{
    public int VillageId { get; set; }
    public int Quarter { get; set; }
    public required string Metric { get; set; }
    public int Value { get; set; }
}

public class CommuneFigure
{
    public int CommuneId { get; set; }
    public int Quarter { get; set; }
    public required string Metric { get; set; }
    public int Value { get; set; }
}

/// <summary>A team worker's own figures within a commune: households they registered, people they helped,
/// assignments they gave that were done, people they observed doing real tasks.</summary>
public class WorkerFigure
{
    public int CommuneId { get; set; }
    public required string UserId { get; set; }
    public int Quarter { get; set; }
    public required string Metric { get; set; }
    public int Value { get; set; }
}

/// <summary>The year ages are counted in for a commune's figures. Ages move on 1 January without any event, so a
/// commune whose year is behind is rebuilt (<see cref="FigureRebuilder"/>); until then its figures stay consistent
/// with the year written here.</summary>
public class CommuneFigureState
{
    public int CommuneId { get; set; }
    public int ReferenceYear { get; set; }
    /// <summary>When the commune's figures were last recounted from raw data; null if they never were.</summary>
    public DateTime? RebuiltAt { get; set; }
}
