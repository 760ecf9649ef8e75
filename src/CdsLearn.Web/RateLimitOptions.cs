namespace CdsLearn.Web;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>Sign-in attempts per minute from one address (wrong passwords per account are counted besides:
    /// <see cref="CdsLearn.Accounts.SignInGuard"/>).</summary>
    public int SignInPerMinute { get; set; } = 10;

    /// <summary>Registrations per hour from one address (a taken name says so: this keeps names from being probed by
    /// the thousand).</summary>
    public int RegistrationsPerHour { get; set; } = 20;

    /// <summary>Password change attempts per minute, per address and per account.</summary>
    public int PasswordChangesPerMinute { get; set; } = 10;

    /// <summary>Join codes opened per minute, per address and per account.</summary>
    public int JoinCodesPerMinute { get; set; } = 10;

    /// <summary>Certificate checks per minute from one address.</summary>
    public int VerifyPerMinute { get; set; } = 60;

    /// <summary>Quiz submissions per minute per learner (an offline queue sends a few at once).</summary>
    public int QuizSubmitsPerMinute { get; set; } = 20;
}
