using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>"Tổ xác nhận": a team member ticks, on a household member's page, the real tasks the person did by
/// themselves on their own phone; the person sees each tick on "Chứng chỉ của tôi" and may dispute it.</summary>
public class ObservedTaskTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string VneidTask = "tu-lam-vneid-muc-2";
    private const string PortalTask = "tu-lam-dich-vu-cong";
    private const string ObserveForm = "form[action*='handler=Observe']";

    public enum Binding
    {
        FormDotted,
        FormBracketed,
        QueryDotted,
        QueryBracketed,
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ATeamMemberRecordsATaskAndThePersonSeesAndDisputesIt()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var learnerName = world.UserNames[HouseholdWorld.Learner];
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learnerName, new MemberInput("Lò Thị Học", 1995, null));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);

        var page = await team.GetAsync(MemberUrl(world.InA1.Id, memberId));
        var after = await team.SubmitAsync(page, ObserveForm, SiteClient.Fields(("Observe.TaskIds", VneidTask)));

        Assert.Contains("xác nhận ngày", after.QuerySelector("#to-xac-nhan + p + form")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector($"input[value='{VneidTask}']"));
        Assert.NotNull(after.QuerySelector($"input[value='{PortalTask}']"));
        var learnerId = await UserIdAsync(learnerName);
        var teamId = await UserIdAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1]);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var stored = await db.TaskObservations.SingleAsync(o => o.UserId == learnerId, Ct);
            Assert.Equal((VneidTask, "dich-vu-cong", teamId), (stored.TaskId, stored.SkillId, stored.ObservedByUserId));
            Assert.Null(stored.DisputedAt);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == teamId && a.Action == "observed.record"
                && a.Subject == $"household:{world.InA1.Id};member:{memberId};task:{VneidTask}", Ct));
            Assert.Equal([VneidTask], await scope.ServiceProvider.GetRequiredService<TaskObservationService>().HeldAsync(learnerId, "dich-vu-cong", Ct));
        }

        using var learner = await world.SignInAsync(factory, HouseholdWorld.Learner);
        var certificates = await learner.GetAsync("/chung-chi");
        var item = certificates.QuerySelector(".observation-list li")!;
        Assert.Contains("Đăng nhập VNeID mức 2", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tổ CNSCĐ đã xác nhận ngày", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("bởi Người team-a1", item.TextContent, StringComparison.Ordinal);
        var observationId = item.QuerySelector("input[name=observationId]")!.GetAttribute("value")!;

        // Someone else cannot dispute the learner's record by its id.
        using (var other = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfB1))
        {
            var own = await other.GetAsync("/tai-khoan/doi-mat-khau");
            var forged = await other.Http.PostAsync("/chung-chi?handler=Dispute", Form(Token(own), ("observationId", observationId)), Ct);
            Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        }

        var disputed = await learner.SubmitAsync(certificates, ".observation-list form", []);

        Assert.Contains("bạn đã báo không làm việc này", disputed.QuerySelector(".observation-list li")!.TextContent, StringComparison.Ordinal);
        Assert.Null(disputed.QuerySelector(".observation-list form"));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.NotNull((await db.TaskObservations.SingleAsync(o => o.UserId == learnerId, Ct)).DisputedAt);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.UserId == learnerId && a.Action == "observed.dispute"
                && a.Subject == $"observation:{observationId};task:{VneidTask}", Ct));
            Assert.Empty(await scope.ServiceProvider.GetRequiredService<TaskObservationService>().HeldAsync(learnerId, "dich-vu-cong", Ct));
        }

        // A dispute stands: ticking the task again changes nothing, and the team sees the person's word.
        var again = await team.PostFormAsync(page, ObserveForm, SiteClient.Fields(("Observe.TaskIds", VneidTask)));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var teamView = await team.GetAsync(MemberUrl(world.InA1.Id, memberId));
        Assert.Contains("người này báo không làm việc này", teamView.QuerySelector("#to-xac-nhan + p + form")!.TextContent, StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.NotNull((await db.TaskObservations.SingleAsync(o => o.UserId == learnerId, Ct)).DisputedAt);
        }
    }

    [Fact]
    public async Task ARepeatTickIsStoredOnceOnTheTeamMadeAccountOfAPersonWithoutOne()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var head = world.InA1.Members[0];
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync(MemberUrl(world.InA1.Id, head.Id));

        // The same page sent twice (a double tap, a resend), then both tasks at once.
        foreach (var fields in new[] { [("Observe.TaskIds", VneidTask)], [("Observe.TaskIds", VneidTask)], new[] { ("Observe.TaskIds", VneidTask), ("Observe.TaskIds", PortalTask) } })
        {
            var response = await team.PostFormAsync(page, ObserveForm, SiteClient.Fields(fields));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId).SingleAsync(Ct);
        Assert.NotNull(userId);
        Assert.True(await db.IsTeamMadeAsync(userId, Ct));
        Assert.Equal([PortalTask, VneidTask], (await db.TaskObservations.Where(o => o.UserId == userId).Select(o => o.TaskId).ToListAsync(Ct)).Order(StringComparer.Ordinal));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "observed.record" && a.Subject.StartsWith($"household:{world.InA1.Id};member:{head.Id};"), Ct));
    }

    [Fact]
    public async Task DuringHocCungToTheTeamMemberTicksOnTheSkillPageForThePersonHelped()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var head = world.InA1.Members[0];
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);

        // Signed in as themselves, the team member has no such form, and its handler finds no one.
        var own = await team.GetAsync("/ky-nang/dich-vu-cong");
        Assert.Null(own.QuerySelector("form.observe-form"));
        var token = Token(await team.GetAsync("/tai-khoan/doi-mat-khau"));
        Assert.Equal(HttpStatusCode.NotFound, (await team.Http.PostAsync("/ky-nang/dich-vu-cong?handler=Observe", Form(token, ("taskIds", VneidTask)), Ct)).StatusCode);

        await AssistedLearningTests.StartAsync(team, world.InA1.Id, head.Id);
        var page = await team.GetAsync("/ky-nang/dich-vu-cong");
        Assert.Equal([PortalTask, VneidTask], page.QuerySelectorAll("form.observe-form input[name=taskIds]").Select(i => i.GetAttribute("value")!).Order(StringComparer.Ordinal));
        // A task of another skill, or none, is refused and stores nothing.
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostFormAsync(page, "form.observe-form", SiteClient.Fields(("taskIds", "tu-lam-bao-cao-5656")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await team.PostFormAsync(page, "form.observe-form", [])).StatusCode);

        var after = await team.SubmitAsync(page, "form.observe-form", SiteClient.Fields(("taskIds", VneidTask)));

        Assert.Equal([PortalTask], after.QuerySelectorAll("form.observe-form input[name=taskIds]").Select(i => i.GetAttribute("value")!));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId).SingleAsync(Ct);
        var teamUserId = await UserIdAsync(world.UserNames[HouseholdWorld.TeamMemberOfA1]);
        var stored = await db.TaskObservations.SingleAsync(o => o.UserId == userId, Ct);
        Assert.Equal((VneidTask, teamUserId), (stored.TaskId, stored.ObservedByUserId));
        Assert.Equal("Tổ A1", await db.Teams.Where(t => t.Id == stored.TeamId).Select(t => t.Name).SingleAsync(Ct));
        Assert.False(await db.TaskObservations.AnyAsync(o => o.UserId == teamUserId, Ct));
    }

    [Theory]
    [InlineData("khong-co-viec-nay")]
    [InlineData("dich-vu-cong")]
    [InlineData("")]
    public async Task AnUnknownTaskIsRefusedAndNothingIsStored(string taskId)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var head = world.InA1.Members[0];
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync(MemberUrl(world.InA1.Id, head.Id));

        // A known task beside the unknown one is not stored either: the request is refused whole.
        var response = await team.PostFormAsync(page, ObserveForm, SiteClient.Fields(("Observe.TaskIds", VneidTask), ("Observe.TaskIds", taskId)));
        var refused = await team.PostFormAsync(page, ObserveForm, SiteClient.Fields(("Observe.TaskIds", taskId)));

        Assert.Equal(taskId == "" ? HttpStatusCode.Redirect : HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await SiteClient.ParseAsync(refused);
        Assert.NotEmpty(shown.QuerySelector(ObserveForm + " .errors")!.TextContent.Trim());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId).SingleAsync(Ct);
        var stored = await db.TaskObservations.Where(o => o.UserId == userId).Select(o => o.TaskId).ToListAsync(Ct);
        Assert.Equal(taskId == "" ? [VneidTask] : [], stored);
    }

    public static TheoryData<string, Binding> Cases()
    {
        var data = new TheoryData<string, Binding>();
        foreach (var who in HouseholdWorld.Everyone)
        {
            foreach (var binding in Enum.GetValues<Binding>())
            {
                data.Add(who, binding);
            }
        }
        return data;
    }

    /// <summary>Every role posts a tick for the head of A1's household, the task in every binding form and a
    /// householdId of the poster's own (B1) beside it: only those whose scope holds A1 record it, and no answer is a 500.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyATeamWhoseScopeHoldsTheHouseholdRecords(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var head = world.InA1.Members[0];
        using var site = await world.SignInAsync(factory, who);
        var token = Token(await site.GetAsync("/tai-khoan/doi-mat-khau"));
        var name = binding is Binding.FormDotted or Binding.QueryDotted ? "Observe.TaskIds" : "Observe[TaskIds]";
        var inQuery = binding is Binding.QueryDotted or Binding.QueryBracketed;
        var other = world.InB1.Id.ToString(CultureInfo.InvariantCulture);
        var url = $"/ho-gia-dinh/{world.InA1.Id}/nguoi/{head.Id}?handler=Observe&householdId={other}"
            + (inQuery ? $"&{Uri.EscapeDataString(name)}={VneidTask}" : "");
        (string, string)[] fields = inQuery ? [("HouseholdId", other)] : [("HouseholdId", other), (name, VneidTask)];

        using var response = await site.Http.PostAsync(url, Form(token, fields), Ct);

        Assert.True((int)response.StatusCode < 500, $"{who}, {binding}: {(int)response.StatusCode}");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.HouseholdMembers.Where(m => m.Id == head.Id).Select(m => m.UserId).SingleAsync(Ct);
        var recorded = userId is not null && await db.TaskObservations.AnyAsync(o => o.UserId == userId && o.TaskId == VneidTask, Ct);
        var inScope = world.VisibleTo(who).Any(h => h.Id == world.InA1.Id);
        if (!inScope)
        {
            Assert.False(recorded, $"{who}, {binding}: recorded outside the scope");
            Assert.Null(userId);
        }
        else if (binding is Binding.FormDotted or Binding.QueryDotted)
        {
            Assert.True(recorded, $"{who}, {binding}: not recorded");
        }
        // Nothing of B1's household was touched whatever householdId said.
        Assert.False(await db.HouseholdMembers.AnyAsync(m => m.HouseholdId == world.InB1.Id && m.UserId != null, Ct));
    }

    private static string MemberUrl(int householdId, int memberId) =>
        $"/ho-gia-dinh/{householdId.ToString(CultureInfo.InvariantCulture)}/nguoi/{memberId.ToString(CultureInfo.InvariantCulture)}";

    private async Task<string> UserIdAsync(string userName)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(Ct);
    }

    private static string Token(IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static FormUrlEncodedContent Form(string token, params (string, string)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token)));
}
