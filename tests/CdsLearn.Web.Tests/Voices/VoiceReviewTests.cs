using System.Net;
using System.Net.Http.Json;
using CdsLearn.Data;
using CdsLearn.Tests.Voices;
using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

public class VoiceReviewTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnApprovedReadingIsPublishedWithTheNameOnlyWithConsentAndServedWithRangesAndALongCache()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(reader, showName: true);
        var file = OpusFiles.Webm(TimeSpan.FromSeconds(5));
        var section = VoiceSite.Section(factory);
        using (var saved = await VoiceSite.UploadAsync(reader, file, section.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
        var name = AudioFiles.NameOf(AudioFiles.HashOf(file), AudioContainer.Webm);
        using var learner = new SiteClient(factory);

        // Waiting: nobody outside hears it.
        Assert.Empty((await ListAsync(learner)).Voices);
        using (var hidden = await learner.Http.GetAsync($"/giong-doc/tep/{name}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var page = await officer.GetAsync("/giong-doc/duyet");
        var id = await RecordingIdAsync(name);
        using (var listen = await officer.Http.GetAsync($"/giong-doc/nghe/{id}", Ct))
        {
            Assert.Equal(HttpStatusCode.OK, listen.StatusCode);
        }
        // Rejecting needs a reason: a field error, nothing changed.
        using (var noReason = await officer.PostFormAsync(page, $"#ban-ghi-{id} form", SiteClient.Fields(("Input.Decision", "Reject"))))
        {
            Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
            Assert.Contains("Hãy ghi lý do từ chối", (await SiteClient.ParseAsync(noReason)).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        }
        Assert.Equal(VoiceStatus.Waiting, await StatusAsync(id));
        using (var approve = await officer.PostFormAsync(page, $"#ban-ghi-{id} form", SiteClient.Fields(("Input.Decision", "Approve"))))
        {
            Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        }

        var list = await ListAsync(learner);
        var voice = Assert.Single(list.Voices);
        Assert.Equal(section.Index, voice.Section);
        Assert.Equal($"/giong-doc/tep/{name}", voice.Url);
        Assert.StartsWith("Giọng đọc: Lò Thị Hoa, ", voice.Credit, StringComparison.Ordinal);
        // Only the languages the lesson has readings in: the one just approved, not Vietnamese, which nobody read.
        Assert.Contains(list.Languages, l => l.Code == "thai" && l.Label == "Tiếng Thái");
        Assert.DoesNotContain(list.Languages, l => l.Code == "vi");
        using var range = new HttpRequestMessage(HttpMethod.Get, voice.Url);
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var partial = await learner.Http.SendAsync(range, Ct);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(file.AsSpan(100, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync(Ct));
        Assert.Contains("immutable", partial.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("audio/webm", partial.Content.Headers.ContentType!.MediaType);

        // Withdrawn permission to show the name: the reading stays, the name goes.
        await VoiceSite.ConsentAsync(reader, showName: false);
        Assert.Null(Assert.Single((await ListAsync(learner)).Voices).Credit);
    }

    [Fact]
    public async Task AnOfficerReviewsOnlyTheirCommunesTeamsAndATeamMemberNoneAndHearsOnlyTheirOwn()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var inA = await VoiceSite.AddRecordingAsync(factory, world.A1.Id);
        var inB = await VoiceSite.AddRecordingAsync(factory, world.B1.Id);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var page = await officer.GetAsync("/giong-doc/duyet");
        Assert.NotNull(page.QuerySelector($"#ban-ghi-{inA}"));
        Assert.Null(page.QuerySelector($"#ban-ghi-{inB}"));
        using (var other = await officer.Http.GetAsync($"/giong-doc/nghe/{inB}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }
        using var member = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        using (var notTheirs = await member.Http.GetAsync($"/giong-doc/nghe/{inA}", Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        }
    }

    [Fact]
    public async Task TheProvinceSeesPerLanguageWhatIsApprovedWaitingAndMissing()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        await VoiceSite.AddRecordingAsync(factory, world.B1.Id, VoiceStatus.Approved);
        using var province = await world.SignInAsync(factory, HouseholdWorld.Province);

        var page = await province.GetAsync("/giong-doc");
        var row = page.QuerySelectorAll("tr").First(r => r.QuerySelector($"a[href='/bai-hoc/{VoiceSite.LessonId}']") is not null);
        var cell = row.QuerySelector("td[data-language=hmong]")!.TextContent;
        var sections = VoiceSite.Section(factory).Index; // at least one section besides the approved one
        Assert.StartsWith("1 · ", cell, StringComparison.Ordinal);
        Assert.True(sections >= 1);
    }

    private async Task<int> RecordingIdAsync(string name)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.VoiceRecordings.Where(r => r.FileHash == name.Substring(0, 64)).Select(r => r.Id).SingleAsync(Ct);
    }

    private async Task<VoiceStatus> StatusAsync(int id)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.VoiceRecordings.Where(r => r.Id == id).Select(r => r.Status).SingleAsync(Ct);
    }

    private static async Task<VoiceSite.VoiceList> ListAsync(SiteClient site) =>
        (await site.Http.GetFromJsonAsync<VoiceSite.VoiceList>($"/giong-doc/bai/{VoiceSite.LessonId}?ngon-ngu=thai", Ct))!;
}
