using Microsoft.AspNetCore.Identity;

namespace CdsLearn.Accounts;

/// <summary>An account. Citizens often have no e-mail: the user name is a phone number or a chosen name.</summary>
public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";

    public DateTime CreatedAt { get; set; }
}

public static class Roles
{
    public const string Learner = "Learner";
    public const string TeamMember = "TeamMember";
    public const string CommuneOfficer = "CommuneOfficer";
    public const string ProvinceStaff = "ProvinceStaff";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Learner, TeamMember, CommuneOfficer, ProvinceStaff, Admin];

    /// <summary>Who may manage certificates of the whole province (e.g. revoke one).</summary>
    public const string ProvinceWide = ProvinceStaff + "," + Admin;
}
