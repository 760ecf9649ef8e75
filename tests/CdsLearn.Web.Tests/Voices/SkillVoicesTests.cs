using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Voices;

/// <summary>"Lưu cả kỹ năng" offers the team's approved readings with their real size, in the phone's language.</summary>
public class SkillVoicesTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string SkillPage = "/ky-nang/an-toan-mang";

    [Fact]
    public async Task TheSaveBoxOffersApprovedReadingsInThePhonesLanguageWithTheirSize()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        Assert.Empty(await OffersAsync(null));

        // Waiting and rejected readings are not for learners: nothing to save.
        await VoiceSite.AddRecordingAsync(factory, world.A1.Id, VoiceStatus.Waiting);
        await VoiceSite.AddRecordingAsync(factory, world.A1.Id, VoiceStatus.Rejected);
        Assert.Empty(await OffersAsync(null));

        // One approved H'Mông reading of 1,000 bytes (VoiceSite's).
        await VoiceSite.AddRecordingAsync(factory, world.A1.Id, VoiceStatus.Approved);
        var offer = Assert.Single(await OffersAsync(null));
        Assert.Equal(("Lưu cả giọng đọc tiếng H'Mông (1 KB)", "hmong", VoiceSite.LessonId), offer);
        Assert.Equal([offer], await OffersAsync("hmong"));

        // A phone that listens in Thái is not offered H'Mông; an unknown language is as no choice.
        Assert.Empty(await OffersAsync("thai"));
        Assert.Equal([offer], await OffersAsync("klingon"));
    }

    [Theory]
    [InlineData(1000, "1 KB")]
    [InlineData(1024 * 1024 - 1, "1024 KB")]
    [InlineData(1024 * 1024, "1,0 MB")]
    [InlineData(3 * 1024 * 1024 + 400 * 1024, "3,4 MB")]
    public void SizesAreWrittenAsADataPlanCountsThem(long bytes, string text) =>
        Assert.Equal(text, Pages.Content.SkillModel.SizeText(bytes));

    private async Task<List<(string Label, string Language, string Items)>> OffersAsync(string? cookie)
    {
        using var http = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, SkillPage);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{Pages.Content.SkillModel.LanguageCookie}={cookie}");
        }
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var page = await SiteClient.ParseAsync(response);
        return page.QuerySelectorAll(".save-offline label").Select(l => (l.TextContent.Trim(), l.QuerySelector("input")!.GetAttribute("value")!,
            l.QuerySelector("input")!.GetAttribute("data-items")!)).ToList();
    }
}
