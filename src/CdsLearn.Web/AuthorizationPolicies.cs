namespace CdsLearn.Web;

public static class AuthorizationPolicies
{
    /// <summary>Province staff and administrators: the whole province is in their scope.</summary>
    public const string ProvinceWide = "ProvinceWide";

    /// <summary>Team members, commune officers and province staff: who works with households (each within their scope).</summary>
    public const string Outreach = "Outreach";

    /// <summary>Who sets up teams and their members: commune officers (their communes) and province staff.</summary>
    public const string TeamManagers = "TeamManagers";

    /// <summary>Who records lessons in their voice: team members.</summary>
    public const string Recorders = "Recorders";
}
