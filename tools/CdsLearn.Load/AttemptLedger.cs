using System.Collections.Concurrent;

namespace CdsLearn.Load;

/// <summary>A quiz attempt the site acknowledged: it answered the submission with the redirect to this attempt's
/// result page. <paramref name="AnsweredRight"/> says whether every answer was right (the attempt must be a pass).</summary>
public sealed record AcknowledgedAttempt(Guid Id, string UserId, string ModuleId, bool AnsweredRight, DateTime At);

/// <summary>
/// The learners' side of the truth: every attempt the site acknowledged, and every submission sent without an answer
/// (cut by a crash) that the learner will send again with the same attempt id. After a run the database must hold
/// exactly the acknowledged attempts; see <see cref="AttemptCheck"/>.
/// </summary>
public sealed class AttemptLedger
{
    private readonly ConcurrentDictionary<Guid, AcknowledgedAttempt> acknowledged = new();
    private readonly ConcurrentDictionary<Guid, string> unanswered = new();
    private int repeats;
    private int wrongRedirects;

    public IReadOnlyCollection<AcknowledgedAttempt> Acknowledged => [.. acknowledged.Values];

    public int AcknowledgedCount => acknowledged.Count;

    /// <summary>Submissions sent, not answered, not yet acknowledged on a later try.</summary>
    public IReadOnlyCollection<Guid> Unanswered => [.. unanswered.Keys];

    /// <summary>Acknowledgements of an attempt already acknowledged (a double tap, or a resend after a lost answer).</summary>
    public int Repeats => repeats;

    /// <summary>Acknowledgements that redirected to another attempt than the one sent; must stay 0.</summary>
    public int WrongRedirects => wrongRedirects;

    public void Sent(Guid attemptId, string userId) => unanswered.TryAdd(attemptId, userId);

    public void Acknowledge(AcknowledgedAttempt attempt)
    {
        unanswered.TryRemove(attempt.Id, out _);
        if (!acknowledged.TryAdd(attempt.Id, attempt))
        {
            Interlocked.Increment(ref repeats);
        }
    }

    /// <summary>The site answered the submission without acknowledging it (the form came back with an error): it was
    /// not stored, and is not sent again.</summary>
    public void Rejected(Guid attemptId) => unanswered.TryRemove(attemptId, out _);

    public void WrongRedirect() => Interlocked.Increment(ref wrongRedirects);

    /// <summary>A copy of what was acknowledged so far (e.g. at the moment the site was killed).</summary>
    public IReadOnlySet<Guid> AcknowledgedIds() => acknowledged.Keys.ToHashSet();
}
