namespace CdsLearn.Contests;

/// <summary>
/// Wakes the contest timer when this server opens a question, so that while no question is open the timer need not
/// ask the database several times a second. One per process.
/// </summary>
public sealed class OpenedQuestions
{
    private TaskCompletionSource next = New();

    /// <summary>Completes when a question is opened after this was read.</summary>
    public Task Next => Volatile.Read(ref next).Task;

    public void Opened() => Interlocked.Exchange(ref next, New()).TrySetResult();

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
