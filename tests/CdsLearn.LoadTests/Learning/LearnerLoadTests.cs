using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CdsLearn.Load;
using CdsLearn.LoadTests.Infrastructure;

namespace CdsLearn.LoadTests.Learning;

/// <summary>
/// Hundreds of learners at once against the real site in its own process, over loopback: they read lessons, open
/// quizzes, answer and submit (some twice at once). What the site acknowledged (a redirect to the attempt's result) is
/// compared with what the database holds, by attempt id; the certificates and the kept figures must follow from it.
/// </summary>
public class LearnerLoadTests(SignedInLearners learners) : IClassFixture<SignedInLearners>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Learners think a little between steps, as on a phone; the site is still kept busy.</summary>
    private static readonly LearnerBehaviour Behaviour = new() { MinThinkMs = 100, MaxThinkMs = 600 };

    [Fact]
    public async Task FiveHundredLearnersGetNoServerErrorAndEveryAcknowledgedAttemptIsStoredOnce()
    {
        await using var workspace = learners.NewWorkspace();
        await using var site = await workspace.StartSiteAsync(Ct);
        using var run = new LoadRun(site.BaseAddress, workspace.Population, workspace.Course, Behaviour, signedIn: learners.Cookies);

        using var stop = new CancellationTokenSource(LoadSettings.Duration);
        await run.RunAsync(stop.Token);
        var memory = site.ReadMemory();
        await site.StopAsync();
        Report(run, learners.SignInTime, memory);

        AssertNothingRanOnASocketThread(site);
        Assert.True(run.Stats.ServerErrors == 0, $"server errors: {run.Stats.Summary()}\n{string.Join('\n', run.Stats.Samples)}\n{site.LogTail()}");
        Assert.True(run.Stats.TransportFailures == 0, $"requests without an answer: {run.Stats.Summary()}\n{string.Join('\n', run.Stats.Samples)}");
        AssertOnlyExpectedAnswers(run.Stats);
        Assert.Equal(0, run.Ledger.WrongRedirects);
        Assert.Empty(run.Ledger.Unanswered);
        Assert.True(run.Ledger.AcknowledgedCount >= workspace.Population.Learners.Count,
            $"only {run.Ledger.AcknowledgedCount} attempts acknowledged for {workspace.Population.Learners.Count} learners");
        Assert.True(run.Ledger.Repeats > 0, "no submission was sent twice, so storing once was not tried");

        await using var database = await LoadDatabase.OpenAsync(workspace.DataFolder, Ct);
        var userIds = workspace.Population.Learners.Select(l => l.UserId).ToList();
        var comparison = AttemptCheck.Compare(run.Ledger.Acknowledged, await AttemptCheck.StoredAsync(database, userIds, Ct));
        Assert.True(comparison.StoredExactlyTheAcknowledged, comparison.ToString());
        Assert.Empty(await AttemptCheck.CertificateDifferencesAsync(database, workspace.Course, run.Ledger.Acknowledged, userIds, Ct));
        Assert.Empty(await FigureCheck.KeptAgainstRebuildAsync(database, workspace.Population.CommuneIds, Ct));
        Assert.Equal("ok", LoadDatabase.IntegrityCheck(workspace.DataFolder));

        // The checks have teeth: one acknowledged attempt gone, or one household counted twice, is seen.
        var victim = run.Ledger.Acknowledged.First(a => a.AnsweredRight);
        LoadDatabase.Execute(workspace.DataFolder, $"DELETE FROM \"QuizAttempts\" WHERE upper(\"Id\") = '{victim.Id.ToString().ToUpperInvariant()}'");
        var spoiled = AttemptCheck.Compare(run.Ledger.Acknowledged, await AttemptCheck.StoredAsync(database, userIds, Ct));
        Assert.Equal([victim.Id], spoiled.Lost);
        LoadDatabase.Execute(workspace.DataFolder,
            $"UPDATE \"CommuneFigures\" SET \"Value\" = \"Value\" + 1 WHERE \"CommuneId\" = {workspace.Population.CommuneIds[0]} AND \"Metric\" = '{CdsLearn.Figures.Metric.Households}'");
        Assert.NotEmpty(await FigureCheck.KeptAgainstRebuildAsync(database, workspace.Population.CommuneIds, Ct));
    }

    [Fact]
    public async Task EveryAcknowledgedAttemptSurvivesTheSiteBeingKilledUnderLoad()
    {
        await using var workspace = learners.NewWorkspace();
        var site = await workspace.StartSiteAsync(Ct);
        try
        {
            using var run = new LoadRun(site.BaseAddress, workspace.Population, workspace.Course, Behaviour, seed: 2, signedIn: learners.Cookies);

            using var stop = new CancellationTokenSource(LoadSettings.Duration);
            var load = run.RunAsync(stop.Token);
            await Task.Delay(LoadSettings.Duration * 0.45, Ct);
            var beforeKill = run.Ledger.AcknowledgedCount;
            await site.KillAsync();
            // Whatever was acknowledged has reached the learners by now; what was under way got no answer.
            await Task.Delay(TimeSpan.FromSeconds(1), Ct);
            var acknowledgedAtKill = run.Ledger.AcknowledgedIds();
            var unansweredAtKill = run.Ledger.Unanswered.Count;
            Assert.Equal("ok", LoadDatabase.IntegrityCheck(workspace.DataFolder));
            var storedAtKill = LoadDatabase.StoredAttemptIds(workspace.DataFolder);
            var lostAtKill = acknowledgedAtKill.Where(id => !storedAtKill.Contains(id)).ToList();
            Assert.True(lostAtKill.Count == 0, $"{lostAtKill.Count} acknowledged attempts were lost by the kill: {string.Join(", ", lostAtKill.Take(5))}");
            Assert.True(storedAtKill.Count - acknowledgedAtKill.Count <= unansweredAtKill,
                $"{storedAtKill.Count} stored, {acknowledgedAtKill.Count} acknowledged, only {unansweredAtKill} under way at the kill");

            var restart = Stopwatch.StartNew();
            var killed = site;
            site = await SiteProcess.StartAsync(killed.Launch, Ct);
            restart.Stop();
            await killed.DisposeAsync();
            await load;
            await run.ResolveUnansweredAsync(TimeSpan.FromSeconds(30));
            var memory = site.ReadMemory();
            await site.StopAsync();
            Report(run, learners.SignInTime, memory);
            AssertNothingRanOnASocketThread(killed);
            AssertNothingRanOnASocketThread(site);
            LoadSettings.Log($"killed after {beforeKill} acknowledged attempts; {acknowledgedAtKill.Count} acknowledged and {storedAtKill.Count} stored at the kill, "
                + $"{unansweredAtKill} submissions under way; restarted in {restart.Elapsed.TotalSeconds:F1} s");

            Assert.True(run.Stats.ServerErrors == 0, $"server errors: {run.Stats.Summary()}\n{string.Join('\n', run.Stats.Samples)}\n{site.LogTail()}");
            Assert.True(run.Stats.TransportFailures > 0, "the kill cut no request: it did not happen under load");
            AssertOnlyExpectedAnswers(run.Stats);
            Assert.Equal(0, run.Ledger.WrongRedirects);
            Assert.Empty(run.Ledger.Unanswered);
            Assert.True(run.Ledger.AcknowledgedCount > acknowledgedAtKill.Count, "no attempt was acknowledged after the restart");

            Assert.Equal("ok", LoadDatabase.IntegrityCheck(workspace.DataFolder));
            await using var database = await LoadDatabase.OpenAsync(workspace.DataFolder, Ct);
            var userIds = workspace.Population.Learners.Select(l => l.UserId).ToList();
            var comparison = AttemptCheck.Compare(run.Ledger.Acknowledged, await AttemptCheck.StoredAsync(database, userIds, Ct));
            Assert.True(comparison.StoredExactlyTheAcknowledged, comparison.ToString());
            Assert.Empty(await AttemptCheck.CertificateDifferencesAsync(database, workspace.Course, run.Ledger.Acknowledged, userIds, Ct));
            Assert.Empty(await FigureCheck.KeptAgainstRebuildAsync(database, workspace.Population.CommuneIds, Ct));
        }
        finally
        {
            await site.DisposeAsync();
        }
    }

    /// <summary>
    /// The site reads requests on the runtime's socket threads, one per core, each serving many connections, and
    /// leaves them for every request but a kept lesson. A sign-in whose form arrives after its headers, as on a slow
    /// network, waits for the form; the page's code after that wait (the account's lookup in the database) must not
    /// go on on the socket thread that received the form.
    /// </summary>
    [Fact]
    public async Task ASignInWhoseFormArrivesAfterItsHeadersIsHandledOffTheSocketThreads()
    {
        await using var workspace = learners.NewWorkspace();
        await using var site = await workspace.StartSiteAsync(Ct);
        var cookies = new CookieContainer();
        using var http = SimulatedLearner.NewClient(site.BaseAddress, cookies);
        var form = HtmlForm.Find(await http.GetStringAsync("/tai-khoan/dang-nhap", Ct), "name=\"Input.Password\"")
            ?? throw new InvalidOperationException("no sign-in form");
        var learner = workspace.Population.Learners[0];
        var body = await form.Post([new("Input.UserName", learner.UserName), new("Input.Password", workspace.Population.Password)])
            .ReadAsByteArrayAsync(Ct);

        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(site.BaseAddress.Host, site.BaseAddress.Port, Ct);
        var stream = tcp.GetStream();
        var head = $"POST {form.Action ?? "/tai-khoan/dang-nhap"} HTTP/1.1\r\nHost: {site.BaseAddress.Authority}\r\n"
            + $"Cookie: {cookies.GetCookieHeader(site.BaseAddress)}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        // Long enough for the site to parse the headers, start the page and wait for the form.
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        await stream.WriteAsync(body, Ct);
        var answer = await new StreamReader(stream, Encoding.ASCII).ReadToEndAsync(Ct);
        await site.StopAsync();

        Assert.True(answer.StartsWith("HTTP/1.1 302", StringComparison.Ordinal) && answer.Contains("\r\nLocation: /\r\n", StringComparison.Ordinal),
            answer.Split("\r\n\r\n")[0]);
        AssertNothingRanOnASocketThread(site);
    }

    /// <summary>The site logs any database command made on a socket thread (CdsLearn.Web.SocketThreads).</summary>
    private static void AssertNothingRanOnASocketThread(SiteProcess site)
    {
        var log = File.ReadAllText(site.LogFile);
        Assert.Contains("Requests are read on the socket threads", log, StringComparison.Ordinal);
        var at = log.IndexOf("A database command ran on a socket thread", StringComparison.Ordinal);
        if (at >= 0)
        {
            Assert.Fail(log[at..Math.Min(log.Length, at + 3000)]);
        }
    }

    /// <summary>Pages (200), redirects after posts (302), and nothing else: no 4xx from a stale token or a limit.</summary>
    private static void AssertOnlyExpectedAnswers(LoadStats stats)
    {
        var requests = stats.Requests;
        var expected = stats.Count(Step.Lesson, s => s == 200) + stats.Count(Step.Quiz, s => s == 200) + stats.Count(Step.Result, s => s == 200)
            + stats.Count(Step.MarkRead, s => s == 302) + stats.Count(Step.Submit, s => s == 302);
        Assert.True(requests == expected, $"unexpected answers: {stats.Summary()}\n{string.Join('\n', stats.Samples)}");
    }

    private static void Report(LoadRun run, TimeSpan signIn, ProcessMemory memory)
    {
        var seconds = run.Stats.Elapsed.TotalSeconds;
        var submit = run.Stats.LatencyOf(Step.Submit);
        LoadSettings.Log($"{run.Learners.Count} learners (signed in once for all tests, in {signIn.TotalSeconds:F1} s); {seconds:F0} s of learning: "
            + $"{run.Stats.Requests} requests ({run.Stats.Requests / seconds:F0}/s), {run.Ledger.AcknowledgedCount} attempts acknowledged "
            + $"({run.Ledger.AcknowledgedCount / seconds:F0}/s), {run.Ledger.Repeats} repeats; submit p50 {submit.P50} ms p99 {submit.P99} ms; "
            + $"site peak RSS {memory.PeakRssMb} MB; load {MachineLoad.Now()}");
        LoadSettings.Log(run.Stats.Summary());
    }
}
