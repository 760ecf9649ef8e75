using CdsLearn.Contests;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>What <see cref="ContestHub.Enter"/> returns to a phone.</summary>
public sealed record EnterResult(bool Ok, string? Message, PlayerView? View, PlayerSelf? Me)
{
    public static EnterResult Refused(string message) => new(false, message, null, null);
}

/// <summary>What <see cref="ContestHub.Answer"/> returns to a phone.</summary>
public sealed record AnswerResult(bool Ok, string Message);
