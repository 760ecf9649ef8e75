using System.Net;
using System.Text.Json;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Contests;

/// <summary>Live contests over real SignalR connections: a host, a TV-less village hall of phones, the rules.</summary>
public class ContestTests(ClockedSiteFactory factory) : IClassFixture<ClockedSiteFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>50 phones and 6 questions in the suite; CONTEST_PHONES=100 CONTEST_QUESTIONS=20 runs the village-hall size.</summary>
    [Fact]
    public async Task AHostAndFiftyPhonesPlayAWholeEliminationContest()
    {
        var phones = int.TryParse(Environment.GetEnvironmentVariable("CONTEST_PHONES"), out var p) ? p : 50;
        var questions = int.TryParse(Environment.GetEnvironmentVariable("CONTEST_QUESTIONS"), out var n) ? n : 6;
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1], HouseholdWorld.Password);
        var contest = await CreateAsync(factory, host, world, "Rung chuông vàng bản A1", ContestMode.Elimination, questions);
        var rights = await RightOptionsAsync(contest.Id);

        // Player 0 is a signed-in learner of household A1; the other 49 have no account.
        var players = Enumerable.Range(0, phones).Select(_ => new Phone(factory)).ToList();
        var learnerName = "hv" + Guid.NewGuid().ToString("N")[..8];
        var registered = await players[0].PostFormAsync("/tai-khoan/dang-ky", [
            ("Input.FullName", "Lò Thị Chơi"), ("Input.UserName", learnerName), ("Input.Password", Learner.Password), ("Input.ConfirmPassword", Learner.Password)]);
        Assert.Equal(HttpStatusCode.Found, registered.StatusCode);
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learnerName, new MemberInput("Lò Thị Chơi", 1999, null));
        for (var k = 0; k < players.Count; k++)
        {
            var joined = await players[k].JoinAsync(contest.Code.ToLowerInvariant(), $"Người chơi {k}");
            Assert.Equal(HttpStatusCode.Found, joined.StatusCode);
            Assert.Equal("/thi/" + contest.Code, joined.Headers.Location!.OriginalString);
        }
        await Task.WhenAll(players.Select(p => p.ConnectAsync()));
        var entered = await Task.WhenAll(players.Select(p => p.EnterAsync(contest.Code)));
        Assert.All(entered, e => Assert.True(e.GetProperty("ok").GetBoolean()));
        Assert.All(entered, e => Assert.Equal("lobby", e.GetProperty("view").Phase()));
        await host.ConnectAsync();
        Assert.Equal(phones, (await host.WatchAsync(contest.Id)).GetProperty("players").GetInt32());

        var eliminated = new bool[players.Count];
        var learnerAnswers = 0;
        for (var q = 0; q < questions; q++)
        {
            host.Answered.Clear();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await ActAsync(host, contest.Id, "Next");
            var shown = await Task.WhenAll(players.Select(p => p.WaitForStateAsync(s => s.Phase() == "question" && s.Index() == q)));
            Assert.All(shown, s => Assert.Equal(rights[q].Options, s.GetProperty("options").EnumerateArray().Select(o => o.GetString()!).ToList()));

            int Choice(int k) => k % 10 == q ? (rights[q].Correct + 1) % rights[q].Options.Count : rights[q].Correct;
            var answering = Enumerable.Range(0, players.Count).Where(k => !eliminated[k] && !(k == 7 && q == 1)).ToList();
            var results = await Task.WhenAll(answering.Select(k => players[k].AnswerAsync(q, Choice(k))));
            learnerAnswers += answering.Contains(0) ? 1 : 0;
            TestContext.Current.TestOutputHelper?.WriteLine($"question {q + 1}: on {phones} phones and {answering.Count} answers stored in {clock.ElapsedMilliseconds} ms");
            Assert.All(results, r => Assert.Equal("Đã nhận câu trả lời.", r.GetProperty("message").GetString()));
            // A double tap is taken once.
            if (answering.Contains(3))
            {
                Assert.True((await players[3].AnswerAsync(q, Choice(3))).GetProperty("ok").GetBoolean());
            }
            // Someone who is out cannot answer.
            if (Array.FindIndex(eliminated, e => e) is var outIndex and >= 0)
            {
                var refused = await players[outIndex].AnswerAsync(q, rights[q].Correct);
                Assert.False(refused.GetProperty("ok").GetBoolean());
                Assert.Contains("bị loại", refused.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            // Counts may overtake each other on the way; the full count arrives.
            await WaitAsync(() => host.Answered.Contains(answering.Count));
            Assert.Equal(answering.Count, await QueryAsync(factory, db => db.ContestAnswers.CountAsync(a => a.ContestId == contest.Id && a.Position == q, Ct)));

            if (q == 2)
            {
                // A phone loses the signal and comes back: same seat, same question, its answer still there.
                await players[5].DropAsync();
                await players[5].ConnectAsync();
                var back = await players[5].EnterAsync(contest.Code);
                Assert.Equal("Người chơi 5", back.GetProperty("me").GetProperty("name").GetString());
                Assert.Equal(q, back.GetProperty("view").Index());
                Assert.Equal("question", back.GetProperty("view").Phase());
                Assert.Null(back.GetProperty("view").Correct());
                Assert.Equal(eliminated[5] ? JsonValueKind.Null : JsonValueKind.Number, back.GetProperty("me").GetProperty("answer").ValueKind);
            }

            await ActAsync(host, contest.Id, "Lock");
            var revealed = await Task.WhenAll(players.Select(p => p.WaitForStateAsync(s => s.Phase() == "revealed" && s.Index() == q)));
            Assert.All(revealed, s => Assert.Equal(rights[q].Correct, s.Correct()));
            Assert.All(revealed, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("explanation").GetString())));

            if (q == 1)
            {
                // The answer that comes after the lock is refused, and says so.
                var late = await players[7].AnswerAsync(q, rights[q].Correct);
                Assert.False(late.GetProperty("ok").GetBoolean());
                Assert.StartsWith("Hết giờ", late.GetProperty("message").GetString(), StringComparison.Ordinal);
            }
            foreach (var k in Enumerable.Range(0, players.Count).Where(k => !eliminated[k]))
            {
                eliminated[k] = !answering.Contains(k) || Choice(k) != rights[q].Correct;
            }
            var stored = await QueryAsync(factory, db => db.ContestPlayers.Where(p => p.ContestId == contest.Id).OrderBy(p => p.Id).Select(p => p.Eliminated).ToListAsync(Ct));
            Assert.Equal(eliminated, stored);

            if (q == 2)
            {
                await ActAsync(host, contest.Id, "Rescue");
                Assert.DoesNotContain(true, await QueryAsync(factory, db => db.ContestPlayers.Where(p => p.ContestId == contest.Id).Select(p => p.Eliminated).ToListAsync(Ct)));
                var rescued = Array.FindIndex(eliminated, e => e);
                Assert.False((await players[rescued].EnterAsync(contest.Code)).GetProperty("me").GetProperty("eliminated").GetBoolean());
                Array.Clear(eliminated);
            }
        }

        await ActAsync(host, contest.Id, "Next");
        var finished = await Task.WhenAll(players.Select(p => p.WaitForStateAsync(s => s.Phase() == "finished")));
        var winners = Enumerable.Range(0, players.Count).Where(k => !eliminated[k]).Select(k => $"Người chơi {k}").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(winners);
        Assert.All(finished, s => Assert.Equal(winners, s.GetProperty("winners").EnumerateArray().Select(w => w.GetString()!).ToList()));

        // Every phone saw every question, and never the right option (or its explanation) before the lock.
        foreach (var player in players)
        {
            Assert.Equal(Enumerable.Range(0, questions), player.States.Where(s => s.Phase() == "question").Select(s => s.Index()).Distinct().Order());
            Assert.All(player.States.Where(s => s.Phase() == "question"), s =>
            {
                Assert.Null(s.Correct());
                Assert.Equal(JsonValueKind.Null, s.GetProperty("explanation").ValueKind);
            });
        }

        // The learner's answers are stored against their account; no certificate comes from a contest.
        var learnerSeat = await QueryAsync(factory, db => db.ContestPlayers.SingleAsync(p => p.ContestId == contest.Id && p.UserId != null, Ct));
        Assert.Equal("Người chơi 0", learnerSeat.DisplayName);
        Assert.Equal(learnerAnswers, await QueryAsync(factory, db => db.ContestAnswers.CountAsync(a => a.PlayerId == learnerSeat.Id, Ct)));
        Assert.Equal(0, await QueryAsync(factory, db => db.Certificates.CountAsync(c => c.UserId == learnerSeat.UserId, Ct)));
        using (var http = players[0].Http())
        {
            var home = await http.GetStringAsync("/", Ct);
            Assert.Contains("Cuộc thi đã tham gia", home, StringComparison.Ordinal);
            Assert.Contains($"{learnerSeat.RightAnswers}/{questions} câu đúng", home, StringComparison.Ordinal);
        }

        // The commune's dashboard lists the contest: 50 players, one household reached, the winners.
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var dashboard = await officer.GetAsync($"/so-lieu/xa/{world.A1.CommuneId}");
        var row = dashboard.QuerySelectorAll("table.contests tbody tr").Single();
        Assert.Contains("Rung chuông vàng bản A1", row.QuerySelector("th")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([phones.ToString(System.Globalization.CultureInfo.InvariantCulture), "1", string.Join(", ", winners)], row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()));

        foreach (var player in players)
        {
            await player.DisposeAsync();
        }
    }

    [Fact]
    public async Task FasterRightAnswersScoreMoreAndTheServerClockLocksTheQuestion()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.OfficerOfA], HouseholdWorld.Password);
        var contest = await CreateAsync(factory, host, world, "Thi tính điểm", ContestMode.Points, 2);
        var rights = await RightOptionsAsync(contest.Id);
        var players = Enumerable.Range(0, 4).Select(_ => new Phone(factory)).ToList();
        foreach (var (player, k) in players.Select((p, k) => (p, k)))
        {
            await player.JoinAsync(contest.Code, "Người " + k);
            await player.ConnectAsync();
            Assert.True((await player.EnterAsync(contest.Code)).GetProperty("ok").GetBoolean());
        }

        await ActAsync(host, contest.Id, "Next");
        await Task.WhenAll(players.Select(p => p.WaitForStateAsync(s => s.Phase() == "question")));
        var right = rights[0].Correct;
        Assert.True((await players[0].AnswerAsync(0, right)).GetProperty("ok").GetBoolean());
        factory.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await players[1].AnswerAsync(0, right)).GetProperty("ok").GetBoolean());
        Assert.True((await players[2].AnswerAsync(0, (right + 1) % rights[0].Options.Count)).GetProperty("ok").GetBoolean());
        factory.Clock.Advance(TimeSpan.FromSeconds(10));

        // Time is up by the server's clock: refused at once, whatever the phone's timer says; then the timer locks it.
        var late = await players[3].AnswerAsync(0, right);
        Assert.False(late.GetProperty("ok").GetBoolean());
        Assert.StartsWith("Hết giờ", late.GetProperty("message").GetString(), StringComparison.Ordinal);
        var revealed = await players[3].WaitForStateAsync(s => s.Phase() == "revealed");
        Assert.Equal(right, revealed.Correct());

        var scores = await QueryAsync(factory, db => db.ContestPlayers.Where(p => p.ContestId == contest.Id).OrderBy(p => p.Id).Select(p => p.Score).ToListAsync(Ct));
        Assert.Equal([1000, 750, 0, 0], scores);
        Assert.False((await players[2].EnterAsync(contest.Code)).GetProperty("me").GetProperty("eliminated").GetBoolean());

        // The host's screen survives a reload: the contest is where it was.
        using (var http = host.Http())
        {
            var page = await http.GetStringAsync($"/cuoc-thi/{contest.Id}/dieu-khien", Ct);
            Assert.Contains("Đáp án đúng", page, StringComparison.Ordinal);
            Assert.Contains("Câu tiếp theo (2/2)", page, StringComparison.Ordinal);
        }
        foreach (var player in players)
        {
            await player.DisposeAsync();
        }
    }

    [Fact]
    public async Task OnlyTheHostsCommuneCanRunTheContest()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1], HouseholdWorld.Password);
        var contest = await CreateAsync(factory, host, world, "Thi bản A1", ContestMode.Elimination, 3);

        await using var other = new Phone(factory);
        await other.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfB1], HouseholdWorld.Password);
        using (var http = other.Http())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/cuoc-thi/{contest.Id}/dieu-khien", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/cuoc-thi/{contest.Id}/man-hinh", Ct)).StatusCode);
        }
        await other.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => other.WatchAsync(contest.Id));
        // Nor can they make one for a commune outside their scope.
        var refused = await other.PostFormAsync("/cuoc-thi/tao", [("Input.Title", "Thi"), ("Input.CommuneId", world.A1.CommuneId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Mode", "Points"), ("Input.Seconds", "20"), ("Input.QuestionCount", "5")]);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);

        await using var anonymous = new Phone(factory);
        using (var http = anonymous.Http())
        {
            var list = await http.GetAsync("/cuoc-thi", Ct);
            Assert.Equal(HttpStatusCode.Found, list.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/thi", Ct)).StatusCode);
        }
        await anonymous.ConnectAsync();
        await Assert.ThrowsAsync<HubException>(() => anonymous.WatchAsync(contest.Id));
        // A phone without a seat is not let in.
        Assert.False((await anonymous.EnterAsync(contest.Code)).GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task TheBigScreenHasItsOwnLinkThatTheHostMakesAndEnds()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1], HouseholdWorld.Password);
        var contest = await CreateAsync(factory, host, world, "Thi ở nhà văn hoá", ContestMode.Points, 3);
        var hostPage = $"/cuoc-thi/{contest.Id}/dieu-khien";

        // Someone who may not run the contest cannot make or end its link.
        await using var other = new Phone(factory);
        await other.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfB1], HouseholdWorld.Password);
        var refused = await other.PostFormAsync("/cuoc-thi", [], $"{hostPage}?handler=ScreenLink");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        // Nor a learner, nor a visitor (sent to sign in): the contest's key stays unmade.
        await using var learner = new Phone(factory);
        await learner.SignInAsync(world.UserNames[HouseholdWorld.Learner], HouseholdWorld.Password);
        Assert.NotEqual(HttpStatusCode.OK, (await learner.PostFormAsync("/tai-khoan/doi-mat-khau", [], $"{hostPage}?handler=ScreenLink")).StatusCode);
        await using var visitor = new Phone(factory);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.PostFormAsync("/tai-khoan/dang-nhap", [], $"{hostPage}?handler=ScreenLink")).StatusCode);
        Assert.Null(await QueryAsync(factory, db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.ScreenKey).SingleAsync(Ct)));

        Assert.Equal(HttpStatusCode.Found, (await host.PostFormAsync(hostPage, [], $"{hostPage}?handler=ScreenLink")).StatusCode);
        var key = await QueryAsync(factory, db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.ScreenKey).SingleAsync(Ct));
        Assert.NotNull(key);
        using (var http = host.Http())
        {
            Assert.Contains($"/man-hinh/{key}", await http.GetStringAsync(hostPage, Ct), StringComparison.Ordinal);
        }

        // The TV: nobody signed in, the board alone (no menu, no footer), live by the key.
        await using var tv = new Phone(factory);
        using (var http = tv.Http())
        {
            var screen = await http.GetAsync($"/man-hinh/{key}", Ct);
            Assert.Equal(HttpStatusCode.OK, screen.StatusCode);
            var html = await screen.Content.ReadAsStringAsync(Ct);
            Assert.Contains(contest.Code, html, StringComparison.Ordinal);
            Assert.Contains($"data-screen=\"{key}\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain("site-header", html, StringComparison.Ordinal);
            Assert.DoesNotContain("/so-lieu", html, StringComparison.Ordinal);
            // One character changed (a key may itself end in X).
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/man-hinh/{key![..^1]}{(key[^1] == 'X' ? 'Y' : 'X')}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/man-hinh/{key.ToLowerInvariant()}", Ct)).StatusCode);
        }
        await tv.ConnectAsync();
        Assert.Equal(contest.Id, (await tv.WatchScreenAsync(key!)).GetProperty("id").GetInt32());
        await Assert.ThrowsAsync<HubException>(() => tv.WatchScreenAsync("ZZZZZZZZZZZZZZZZ"));
        await ActAsync(host, contest.Id, "Next");
        await WaitAsync(() => tv.Boards.Any(b => b.GetProperty("index").GetInt32() == 0));

        // A new link ends the old one; turning it off ends both.
        Assert.Equal(HttpStatusCode.Found, (await host.PostFormAsync(hostPage, [], $"{hostPage}?handler=ScreenLink")).StatusCode);
        var second = await QueryAsync(factory, db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.ScreenKey).SingleAsync(Ct));
        Assert.NotEqual(key, second);
        Assert.Equal(HttpStatusCode.Found, (await host.PostFormAsync(hostPage, [], $"{hostPage}?handler=ScreenOff")).StatusCode);
        using (var http = tv.Http())
        {
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/man-hinh/{key}", Ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/man-hinh/{second}", Ct)).StatusCode);
        }
    }

    [Fact]
    public async Task JoiningNeedsARealCodeAndAName()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await using var host = new Phone(factory);
        await host.SignInAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1], HouseholdWorld.Password);
        var contest = await CreateAsync(factory, host, world, "Thi bản A1", ContestMode.Points, 3);

        await using var phone = new Phone(factory);
        var noName = await phone.JoinAsync(contest.Code, "   ");
        Assert.Equal(HttpStatusCode.OK, noName.StatusCode);
        Assert.Contains("Hãy nhập tên", await noName.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        var wrongCode = await phone.PostFormAsync("/thi", [("Input.Code", "ZZZZZZ"), ("Input.Name", "An")]);
        Assert.Contains("Không tìm thấy cuộc thi", await wrongCode.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        // A control or invisible character is refused like in every form of the site (PlainTextBinding)...
        var hidden = await phone.JoinAsync(contest.Code, "Cầm\u0007 Văn\u200b Dũng");
        Assert.Equal(HttpStatusCode.OK, hidden.StatusCode);
        Assert.Contains("ký tự không in được", await hidden.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // ...while blanks are folded, markup stays text and a long name is cut.
        var joined = await phone.JoinAsync(contest.Code, "  <b>Cầm  Văn Dũng</b> " + new string('x', 60));
        Assert.Equal(HttpStatusCode.Found, joined.StatusCode);
        var name = await QueryAsync(factory, db => db.ContestPlayers.Where(p => p.ContestId == contest.Id).Select(p => p.DisplayName).SingleAsync(Ct));
        Assert.Equal(40, name.Length);
        Assert.StartsWith("<b>Cầm Văn Dũng</b> xxx", name, StringComparison.Ordinal);
        using var http = phone.Http();
        var page = await http.GetStringAsync("/thi/" + contest.Code, Ct);
        Assert.Contains("&lt;b&gt;Cầm Văn Dũng", page, StringComparison.Ordinal);
        Assert.Contains("<noscript>", page, StringComparison.Ordinal);
        Assert.Contains("signalr.min.js", page, StringComparison.Ordinal);
        Assert.DoesNotContain("signalr.min.js", await http.GetStringAsync("/thi", Ct), StringComparison.Ordinal);
    }

    private sealed record RightOption(int Correct, IReadOnlyList<string> Options);

    internal static async Task<Contest> CreateAsync(CdsLearnFactory factory, Phone host, HouseholdWorld world, string title, ContestMode mode, int questions)
    {
        (string, string)[] fields = [
            ("Input.Title", title), ("Input.CommuneId", world.A1.CommuneId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.VillageId", world.A1.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Input.Mode", mode.ToString()), ("Input.Seconds", "20"), ("Input.QuestionCount", questions.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        // A few questions from one skill; more (the village-hall run) from the whole course.
        var response = await host.PostFormAsync("/cuoc-thi/tao", questions <= 10 ? [.. fields, ("Input.SkillIds", "an-toan-mang")] : fields);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.OriginalString.Split('/')[2], System.Globalization.CultureInfo.InvariantCulture);
        var contest = await QueryAsync(factory, db => db.Contests.Include(c => c.Questions).SingleAsync(c => c.Id == id, Ct));
        Assert.Equal(questions, contest.Questions.Count);
        Assert.Equal(ContestPhase.Lobby, contest.Phase);
        return contest;
    }

    private async Task<List<RightOption>> RightOptionsAsync(int contestId) =>
        (await QueryAsync(factory, db => db.ContestQuestions.Where(q => q.ContestId == contestId).OrderBy(q => q.Position).ToListAsync(Ct)))
            .Select(q => new RightOption(q.CorrectOption, q.Options)).ToList();

    internal static async Task ActAsync(Phone host, int contestId, string handler)
    {
        var response = await host.PostFormAsync($"/cuoc-thi/{contestId}/dieu-khien", [], $"/cuoc-thi/{contestId}/dieu-khien?handler={handler}");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    internal static async Task<T> QueryAsync<T>(CdsLearnFactory factory, Func<AppDbContext, Task<T>> query)
    {
        using var scope = factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }
        Assert.True(condition());
    }
}
