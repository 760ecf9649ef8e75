using System.Security.Cryptography;
using System.Text.Json;
using CdsLearn.Content;
using Microsoft.AspNetCore.DataProtection;

namespace CdsLearn.Learning;

/// <summary>
/// One sitting of an assessed practice task: every button, item and field of every screen gets a random id of its
/// own, so the page names targets only by ids that say nothing; which element each id stands for travels in the
/// protected token. <see cref="Id"/> makes the token good for one graded attempt.
/// </summary>
public sealed record PracticeDraw(Guid Id, string TaskId, string UserId, IReadOnlyDictionary<string, ScreenTarget> Targets)
{
    public static PracticeDraw Create(PracticeTask task, string userId)
    {
        var targets = new Dictionary<string, ScreenTarget>(StringComparer.Ordinal);
        foreach (var screen in task.Screens)
        {
            foreach (var element in screen.Targets)
            {
                string id;
                do
                {
                    id = "t" + RandomNumberGenerator.GetHexString(12, lowercase: true);
                }
                while (targets.ContainsKey(id));
                targets[id] = new ScreenTarget(screen.Id, element.Id!);
            }
        }
        return new PracticeDraw(AttemptIds.New(), task.Id, userId, targets);
    }

    /// <summary>The random id this sitting gave an element.</summary>
    public string IdOf(string screenId, string elementId) =>
        Targets.First(t => t.Value.ScreenId == screenId && t.Value.ElementId == elementId).Key;
}

public sealed record ScreenTarget(string ScreenId, string ElementId);

/// <summary>Carries a <see cref="PracticeDraw"/> through the browser encrypted and signed, like <see cref="QuizDrawProtector"/>.</summary>
public sealed class PracticeDrawProtector(IDataProtectionProvider provider)
{
    /// <summary>How long an assessed task may stay open (it may be done offline and sent later).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector protector =
        provider.CreateProtector("CdsLearn.Learning.PracticeDraw.v1").ToTimeLimitedDataProtector();

    public string Protect(PracticeDraw draw) => protector.Protect(JsonSerializer.Serialize(draw), Lifetime);

    /// <summary>The draw in the token, or null when the token was altered, expired or made for another learner or task.</summary>
    public PracticeDraw? Unprotect(string? token, string taskId, string userId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var draw = JsonSerializer.Deserialize<PracticeDraw>(protector.Unprotect(token));
            return draw is not null && draw.TaskId == taskId && draw.UserId == userId ? draw : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
