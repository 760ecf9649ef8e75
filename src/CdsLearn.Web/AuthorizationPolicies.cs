namespace CdsLearn.Web;

public static class AuthorizationPolicies
{
    /// <summary>Province staff and administrators: the whole province is in their scope.</summary>
    public const string ProvinceWide = "ProvinceWide";
}
