using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using CdsLearn.Tests.Voices;
using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

/// <summary>"Nghe giọng đọc của Tổ" shows where a reading is approved, and only there, naming its languages: on a
/// visitor's lesson (kept compressed by AnonymousPageCache, by the output cache, and by the phone under an ETag), on a
/// signed-in learner's, and on a practice task.</summary>
public class VoicePlayerBoxTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private const string TaskId = "lam-thu-vneid-vi-giay-to";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLessonOffersTheTeamsVoiceOnlyWhileAReadingIsApprovedToVisitorsAndSignedInLearnersAlike()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var url = $"/bai-hoc/{VoiceSite.LessonId}";
        using var visitor = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var learner = await world.SignInAsync(factory, HouseholdWorld.Learner);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        var (before, etag) = await VisitorBoxAsync(visitor, url);
        Assert.Null(before);
        Assert.Null(await LearnerBoxAsync(learner, url));

        await VoiceSite.ConsentAsync(reader);
        var section = VoiceSite.Section(factory);
        using (var saved = await VoiceSite.UploadAsync(reader, OpusFiles.Webm(TimeSpan.FromSeconds(3)), section.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }
        var id = await RecordingIdAsync();
        // Waiting for review: nobody hears it yet.
        Assert.Null((await VisitorBoxAsync(visitor, url)).Box);
        Assert.Null(await LearnerBoxAsync(learner, url));

        await VoiceSite.DecideAsync(officer, id, "Approve");
        var box = (await VisitorBoxAsync(visitor, url)).Box;
        Assert.NotNull(box);
        Assert.Equal("Nghe giọng đọc của Tổ (Tiếng Thái)", box.QuerySelector("button")!.TextContent);
        Assert.Equal("thai", box.GetAttribute("data-languages"));
        Assert.Equal(VoiceSite.LessonId, box.GetAttribute("data-item"));
        Assert.Equal(".lesson .prose h2", box.GetAttribute("data-sections"));
        Assert.Equal("Nghe giọng đọc của Tổ (Tiếng Thái)", (await LearnerBoxAsync(learner, url))?.QuerySelector("button")!.TextContent);
        // The visitor's phone asks with the ETag of the page without the button: it gets the new page, not "not modified".
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, url))
        {
            conditional.Headers.IfNoneMatch.Add(etag!);
            using var fresh = await visitor.SendAsync(conditional, Ct);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }
        // "Chữ to" is another copy of the page: it shows the button too.
        Assert.NotNull((await VisitorBoxAsync(visitor, url, "cdslearn-large=1")).Box);
        // The player's list names the languages the lesson has readings in, as the button does.
        var list = await visitor.GetFromJsonAsync<VoiceSite.VoiceList>($"/giong-doc/bai/{VoiceSite.LessonId}?ngon-ngu=thai", Ct);
        Assert.Equal(["thai"], list!.Languages.Select(l => l.Code));
        Assert.Equal(section.Index, Assert.Single(list.Voices).Section);

        // Read again: the new reading waits for review, and the approved one it replaces is heard no more.
        using (var again = await VoiceSite.UploadAsync(reader, OpusFiles.Webm(TimeSpan.FromSeconds(4)), section.Key))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        }
        Assert.Null((await VisitorBoxAsync(visitor, url)).Box);
        Assert.Null((await VisitorBoxAsync(visitor, url, "cdslearn-large=1")).Box);
        Assert.Null(await LearnerBoxAsync(learner, url));

        await VoiceSite.DecideAsync(officer, id, "Approve");
        Assert.NotNull((await VisitorBoxAsync(visitor, url)).Box);
        // Rejected after all: gone again, for everyone.
        await VoiceSite.DecideAsync(officer, id, "Reject", "Đọc sai tên cơ quan.");
        Assert.Null((await VisitorBoxAsync(visitor, url)).Box);
        Assert.Null(await LearnerBoxAsync(learner, url));
    }

    [Fact]
    public async Task APracticeTaskOffersTheTeamsVoiceForItsStepsOnceOneIsApproved()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var url = $"/lam-thu/{TaskId}";
        using var visitor = new SiteClient(factory);
        Assert.Null((await visitor.GetAsync(url)).QuerySelector("#giong-doc"));

        var id = await VoiceSite.AddRecordingAsync(factory, world.A1.Id, itemId: TaskId, language: "hmong");
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        await VoiceSite.DecideAsync(officer, id, "Approve");

        var page = await visitor.GetAsync(url);
        var box = page.QuerySelector("#giong-doc");
        Assert.NotNull(box);
        Assert.Equal("Nghe giọng đọc của Tổ (Tiếng H'Mông)", box.QuerySelector("button")!.TextContent);
        Assert.Equal(TaskId, box.GetAttribute("data-item"));
        Assert.Equal("hmong", box.GetAttribute("data-languages"));
        // Where voices.js puts step n's button: after the n-th step's instruction.
        Assert.Equal(page.QuerySelectorAll(".step").Length, page.QuerySelectorAll(box.GetAttribute("data-sections")!).Length);
        Assert.StartsWith("/js/voices.js?v=", box.GetAttribute("data-script"), StringComparison.Ordinal);
        // Never with the first visit: the player is not on the page, only the box site.js turns into a button.
        Assert.Null(page.QuerySelector("script[src*='voices.js']"));

        var list = await visitor.Http.GetFromJsonAsync<VoiceSite.VoiceList>($"/giong-doc/bai/{TaskId}?ngon-ngu=hmong", Ct);
        var voice = Assert.Single(list!.Voices);
        Assert.Equal(1, voice.Section);
        Assert.Equal(["hmong"], list.Languages.Select(l => l.Code));

        // The assessed sitting reads the same steps aloud.
        using var learner = await world.SignInAsync(factory, HouseholdWorld.Learner);
        Assert.NotNull((await learner.GetAsync($"{url}/cham-diem")).QuerySelector("#giong-doc"));
    }

    /// <summary>The box on a visitor's lesson, asked twice: the second answer comes from the visitors' page cache.</summary>
    private static async Task<(IElement? Box, System.Net.Http.Headers.EntityTagHeaderValue? ETag)> VisitorBoxAsync(HttpClient visitor, string url,
        string? cookie = null)
    {
        IElement? box = null;
        System.Net.Http.Headers.EntityTagHeaderValue? etag = null;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (cookie is not null)
            {
                request.Headers.Add("Cookie", cookie);
            }
            using var response = await visitor.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var found = (await SiteClient.ParseAsync(response)).QuerySelector("#giong-doc");
            if (i > 0)
            {
                Assert.Equal(box?.OuterHtml, found?.OuterHtml);
            }
            box = found;
            etag = response.Headers.ETag;
        }
        return (box, etag);
    }

    private static async Task<IElement?> LearnerBoxAsync(SiteClient learner, string url) => (await learner.GetAsync(url)).QuerySelector("#giong-doc");

    /// <summary>The reading just saved (the only Thai one of the lesson in this class's site).</summary>
    private async Task<int> RecordingIdAsync()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CdsLearn.Data.AppDbContext>();
        return await db.VoiceRecordings.Where(r => r.ItemId == VoiceSite.LessonId && r.Language == "thai").OrderByDescending(r => r.Id)
            .Select(r => r.Id).FirstAsync(Ct);
    }
}
