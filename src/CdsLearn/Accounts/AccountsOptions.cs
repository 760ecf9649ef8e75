namespace CdsLearn.Accounts;

/// <summary>How wrong passwords are counted (section <c>Accounts</c>); see <see cref="SignInGuard"/>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>Wrong passwords for one account from one address (or one phone that signed in to it before) within
    /// <see cref="ClientWindowMinutes"/>, after which that address waits until the oldest of them is that old.</summary>
    public int FailuresPerClient { get; set; } = 5;

    public int ClientWindowMinutes { get; set; } = 15;

    /// <summary>Wrong passwords for one account from phones that never signed in to it, wherever they are, within
    /// <see cref="AccountWindowMinutes"/>, after which only phones that did may try.</summary>
    public int FailuresPerAccount { get; set; } = 20;

    public int AccountWindowMinutes { get; set; } = 60;
}
