using System.Globalization;
using System.Net;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

public class AssignmentTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string ModuleId = "an-toan-mang-mat-khau-otp";

    [Fact]
    public async Task AnAssignedModuleMovesFromNotStartedToInProgressToDoneAsTheLearnerLearns()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Lò Thị Được Giao");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Người học", 1995, null));
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        var due = DateTime.UtcNow.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var shown = await team.SubmitAsync(page, "form[action*='handler=Assign']", SiteClient.Fields(
            ("Assign.Target", ModuleId), ("Assign.MemberId", memberId.ToString(CultureInfo.InvariantCulture)), ("Assign.DueOn", due), ("Assign.Note", "Học trước thứ bảy")));

        Assert.Contains("Chưa bắt đầu", Assigned(shown), StringComparison.Ordinal);
        var home = await learner.Site.GetAsync("/");
        Assert.Contains("Mật khẩu", home.QuerySelector(".assigned")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Chưa bắt đầu", home.QuerySelector(".assigned")!.TextContent, StringComparison.Ordinal);
        // The assignment leads to its module on the skill's page.
        var module = learner.Course.FindModule(ModuleId)!;
        Assert.Equal($"/ky-nang/{module.SkillId}#{module.Id}", home.QuerySelector(".assigned a")!.GetAttribute("href"));

        var lesson = learner.Course.FindModule(ModuleId)!.Lessons[0];
        var lessonPage = await learner.Site.GetAsync($"/bai-hoc/{lesson.Id}");
        await learner.Site.SubmitAsync(lessonPage, "form.mark-read", []);
        Assert.Contains("Đang học", (await learner.Site.GetAsync("/")).QuerySelector(".assigned")!.TextContent, StringComparison.Ordinal);

        await learner.TakeQuizAsync(ModuleId);
        Assert.Contains("Hoàn thành", (await learner.Site.GetAsync("/")).QuerySelector(".assigned")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hoàn thành", Assigned(await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverdueAssignmentIsShownAndFilteredUntilItIsDone()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory);
        await HouseholdWorld.LinkLearnerAsync(factory, world.InA2, learner.UserName, new MemberInput("Người học", 1995, null));
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<AssignmentService>();
            await service.AddAsync(world.InA2.Id, null, ModuleId, service.Today.AddDays(-1), null, "test", TestContext.Current.CancellationToken);
        }
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var overdue = await officer.GetAsync("/ho-gia-dinh?loc=qua-han");
        Assert.NotNull(overdue.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA2.Id}']"));
        Assert.Null(overdue.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA1.Id}']"));
        Assert.Contains("Quá hạn", Assigned(await officer.GetAsync($"/ho-gia-dinh/{world.InA2.Id}")), StringComparison.Ordinal);

        await learner.TakeQuizAsync(ModuleId);

        var after = await officer.GetAsync("/ho-gia-dinh?loc=qua-han");
        Assert.Null(after.QuerySelector($".household-list a[href='/ho-gia-dinh/{world.InA2.Id}']"));
        Assert.Contains("Hoàn thành", Assigned(await officer.GetAsync($"/ho-gia-dinh/{world.InA2.Id}")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dd/MM/yyyy")]
    [InlineData("d/M/yyyy")]
    [InlineData("dd-MM-yyyy")]
    [InlineData("yyyy-MM-dd")]
    public async Task ADueDateTypedDayFirstAsVietnamWritesItIsUnderstood(string typed)
    {
        // A phone browser without a date picker sends what was typed: 20/01/2027 is the twentieth of January (the form
        // marks date inputs culture-invariant, which alone would refuse it); one with a picker sends 2027-01-20.
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        var due = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40));
        due = due.Day > 12 ? due : due.AddDays(20 - due.Day);

        var shown = await team.SubmitAsync(page, "form[action*='handler=Assign']", SiteClient.Fields(
            ("Assign.Target", ModuleId), ("Assign.DueOn", due.ToString(typed, CultureInfo.InvariantCulture))));

        Assert.Equal("", shown.QuerySelector("[data-valmsg-for='Assign.DueOn']")?.TextContent.Trim() ?? "");
        using var scope = factory.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assignments.SingleAsync(a => a.HouseholdId == world.InA1.Id, TestContext.Current.CancellationToken);
        Assert.Equal(due, stored.DueOn);
    }

    [Theory]
    [InlineData("32/01/2027")]
    [InlineData("ngày mai")]
    [InlineData("01/20/2027")]
    public async Task ADueDateThatIsNoDateIsRefusedInVietnameseAndNothingIsAssigned(string typed)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");

        var again = await team.SubmitAsync(page, "form[action*='handler=Assign']", SiteClient.Fields(("Assign.Target", ModuleId), ("Assign.DueOn", typed)));

        Assert.Contains("Hãy nhập ngày theo ngày/tháng/năm, ví dụ 20/01/2027.", again.QuerySelector("[data-valmsg-for='Assign.DueOn']")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assignments.AnyAsync(a => a.HouseholdId == world.InA1.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AnAssignmentWithoutContentOrWithAPastDateIsRefusedInVietnamese()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");

        var again = await team.SubmitAsync(page, "form[action*='handler=Assign']", SiteClient.Fields(("Assign.Target", ""), ("Assign.DueOn", "2020-01-01")));

        Assert.Contains("Hãy chọn kỹ năng hoặc phần học.", again.QuerySelector("[data-valmsg-for='Assign.Target']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hạn không thể trước hôm nay.", again.QuerySelector("[data-valmsg-for='Assign.DueOn']")!.TextContent, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assignments.AnyAsync(a => a.HouseholdId == world.InA1.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AssignmentsOfAnotherVillageCannotBeMadeOrRemoved()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        int foreignAssignment;
        using (var scope = factory.Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<AssignmentService>();
            foreignAssignment = (await service.AddAsync(world.InB1.Id, null, ModuleId, null, null, "test", TestContext.Current.CancellationToken)).Id;
        }
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var own = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");

        var assign = await team.PostFormAsync(own, "form[action*='handler=Assign']", SiteClient.Fields(("Assign.Target", ModuleId)));
        var toForeign = await team.Http.PostAsync($"/ho-gia-dinh/{world.InB1.Id}?handler=Assign",
            new FormUrlEncodedContent([new("Assign.Target", ModuleId), new("__RequestVerificationToken", Token(own))]), TestContext.Current.CancellationToken);
        // Removing another household's assignment through one's own household changes nothing.
        await team.Http.PostAsync($"/ho-gia-dinh/{world.InA1.Id}?handler=Unassign&assignmentId={foreignAssignment}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", Token(own))]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, assign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, toForeign.StatusCode);
        using var check = factory.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.Assignments.CountAsync(a => a.HouseholdId == world.InB1.Id, TestContext.Current.CancellationToken));
    }

    private static string Assigned(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("#bai-giao")!.NextElementSibling!.TextContent;

    private static string Token(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
}
