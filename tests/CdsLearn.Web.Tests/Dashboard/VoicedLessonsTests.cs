using AngleSharp.Html.Dom;
using CdsLearn.Voices;
using CdsLearn.Web.Pages.Dashboard;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using CdsLearn.Web.Tests.Voices;

namespace CdsLearn.Web.Tests.Dashboard;

/// <summary>The dashboard counts, as team work, the lessons and tasks a commune's teams read aloud and had approved.</summary>
public class VoicedLessonsTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string TaskId = "lam-thu-vneid-vi-giay-to";

    [Fact]
    public async Task ALessonReadByACommunesTeamCountsForThatCommuneOnceApprovedAndNotForAnother()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        int a = world.A1.CommuneId, b = world.B1.CommuneId;
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        // B: one waiting, one rejected (a reviewer of the province decides there). A: one waiting.
        await VoiceSite.AddRecordingAsync(factory, world.B1.Id, VoiceStatus.Waiting);
        await VoiceSite.AddRecordingAsync(factory, world.B1.Id, VoiceStatus.Rejected, itemId: TaskId);
        var inA = await VoiceSite.AddRecordingAsync(factory, world.A1.Id, VoiceStatus.Waiting, itemId: TaskId, language: "thai");
        var table = await province.GetAsync("/so-lieu/xa");
        Assert.Equal("0", Voiced(table, a));
        Assert.Equal("0", Voiced(table, b));

        await VoiceSite.DecideAsync(officer, inA, "Approve");
        // A second approved reading of the same task (another language) is still one task.
        var alsoInA = await VoiceSite.AddRecordingAsync(factory, world.A1.Id, itemId: TaskId, language: "hmong");
        await VoiceSite.DecideAsync(officer, alsoInA, "Approve");
        table = await province.GetAsync("/so-lieu/xa");
        Assert.Equal("1", Voiced(table, a));
        Assert.Equal("0", Voiced(table, b));
        Assert.Equal("1", Line(await province.GetAsync($"/so-lieu/xa/{a}")));
        Assert.Equal("0", Line(await province.GetAsync($"/so-lieu/xa/{b}")));

        // The commune officer: their commune only, in the table and in their overview's total.
        var theirs = await officer.GetAsync("/so-lieu/xa");
        Assert.Equal("1", Voiced(theirs, a));
        Assert.Null(Row(theirs, b));
        Assert.Equal("1", Line(await officer.GetAsync("/so-lieu")));
        // The export has the column too.
        using var csv = await province.Http.GetAsync("/so-lieu/xa?handler=Export&dinh-dang=csv", TestContext.Current.CancellationToken);
        Assert.Contains(FigureLines.VoicedLabel, await csv.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // Rejected after all: the task counts while another reading of it stands, and no longer once none does.
        await VoiceSite.DecideAsync(officer, inA, "Reject", "Đọc thiếu bước 2.");
        Assert.Equal("1", Voiced(await province.GetAsync("/so-lieu/xa"), a));
        await VoiceSite.DecideAsync(officer, alsoInA, "Reject", "Đọc thiếu bước 2.");
        Assert.Equal("0", Voiced(await province.GetAsync("/so-lieu/xa"), a));
        Assert.Equal("0", Line(await province.GetAsync($"/so-lieu/xa/{a}")));
    }

    private static AngleSharp.Dom.IElement? Row(IHtmlDocument table, int communeId) =>
        table.QuerySelector($".commune-table a[href='/so-lieu/xa/{communeId}']")?.Closest("tr");

    private static string? Voiced(IHtmlDocument table, int communeId) => Row(table, communeId)?.QuerySelector("td.voiced")?.TextContent.Trim();

    private static string? Line(IHtmlDocument page) =>
        page.QuerySelectorAll(".figures tr").FirstOrDefault(r => r.QuerySelector("th")?.TextContent == FigureLines.VoicedLabel)
            ?.QuerySelectorAll("td")[1].TextContent.Trim();
}
