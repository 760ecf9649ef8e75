using System.Collections.Concurrent;
using System.Diagnostics;

namespace CdsLearn.Load;

/// <summary>The requests a simulated learner makes.</summary>
public enum Step
{
    SignInPage,
    SignIn,
    Lesson,
    MarkRead,
    Quiz,
    Submit,
    Result,
}

/// <summary>Latency percentiles of one step, in ms.</summary>
public sealed record Latency(int Count, double P50, double P90, double P99, double Max);

/// <summary>
/// What the site answered, step by step: status codes, transport failures (refused or cut connections, timeouts) and
/// latencies. Thread-safe; <see cref="Reset"/> starts a new measurement window (after a warm-up).
/// </summary>
public sealed class LoadStats
{
    private readonly Lock gate = new();
    private readonly Dictionary<(Step, int), int> statuses = [];
    private readonly Dictionary<Step, int> failures = [];
    private readonly Dictionary<Step, List<double>> latencies = [];
    private readonly ConcurrentQueue<string> samples = new();
    private Stopwatch window = Stopwatch.StartNew();

    public TimeSpan Elapsed => window.Elapsed;

    public void Record(Step step, int status, TimeSpan latency)
    {
        lock (gate)
        {
            statuses[(step, status)] = statuses.GetValueOrDefault((step, status)) + 1;
            if (!latencies.TryGetValue(step, out var list))
            {
                latencies[step] = list = [];
            }
            list.Add(latency.TotalMilliseconds);
        }
    }

    /// <summary>No answer at all: the connection was refused or cut, or the request timed out.</summary>
    public void Failed(Step step, Exception exception)
    {
        lock (gate)
        {
            failures[step] = failures.GetValueOrDefault(step) + 1;
        }
        Sample($"{step}: {exception.GetType().Name}: {exception.Message}");
    }

    /// <summary>Keeps a few examples of what went wrong, for the failure message.</summary>
    public void Sample(string what)
    {
        if (samples.Count < 20)
        {
            samples.Enqueue(what);
        }
    }

    public void Reset()
    {
        lock (gate)
        {
            statuses.Clear();
            failures.Clear();
            latencies.Clear();
            window = Stopwatch.StartNew();
        }
    }

    public int Count(Step step, Func<int, bool>? status = null)
    {
        lock (gate)
        {
            return statuses.Where(s => s.Key.Item1 == step && (status?.Invoke(s.Key.Item2) ?? true)).Sum(s => s.Value);
        }
    }

    public int ServerErrors
    {
        get
        {
            lock (gate)
            {
                return statuses.Where(s => s.Key.Item2 >= 500).Sum(s => s.Value);
            }
        }
    }

    public int TransportFailures
    {
        get
        {
            lock (gate)
            {
                return failures.Values.Sum();
            }
        }
    }

    public int Requests
    {
        get
        {
            lock (gate)
            {
                return statuses.Values.Sum();
            }
        }
    }

    public IReadOnlyList<string> Samples => [.. samples];

    public Latency LatencyOf(Step step)
    {
        double[] sorted;
        lock (gate)
        {
            sorted = latencies.TryGetValue(step, out var list) ? [.. list] : [];
        }
        Array.Sort(sorted);
        double At(double p) => sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 1);
        return new Latency(sorted.Length, At(0.50), At(0.90), At(0.99), sorted.Length == 0 ? 0 : Math.Round(sorted[^1], 1));
    }

    /// <summary>"Submit 302×1234 200×2; Quiz 200×1240 …; failures Submit×3": every status seen, for reports and failures.</summary>
    public string Summary()
    {
        lock (gate)
        {
            var parts = statuses.GroupBy(s => s.Key.Item1).OrderBy(g => g.Key)
                .Select(g => $"{g.Key} " + string.Join(' ', g.OrderBy(s => s.Key.Item2).Select(s => $"{s.Key.Item2}×{s.Value}")));
            var failed = failures.Count == 0 ? "" : "; no answer " + string.Join(' ', failures.Select(f => $"{f.Key}×{f.Value}"));
            return string.Join("; ", parts) + failed;
        }
    }
}
