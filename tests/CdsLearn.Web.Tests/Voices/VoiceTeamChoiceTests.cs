using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Tests.Voices;
using CdsLearn.Voices;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Voices;

/// <summary>A member of several teams chooses on the recording page which one they read for (their own teams only);
/// a member of one team reads for it without choosing.</summary>
public class VoiceTeamChoiceTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AMemberOfTwoTeamsChoosesTheSecondAndTheReadingIsItsAndGoesToItsCommunesOfficers()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var (first, second) = await JoinSecondTeamAsync(world);
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(reader);

        var page = await reader.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}");
        var options = page.QuerySelectorAll("select#to option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal([Id(first.Id), Id(second.Id)], options);
        Assert.Equal(Id(first.Id), page.QuerySelector("[data-voice-record]")!.GetAttribute("data-team"));
        var chosen = await reader.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}?ngon-ngu=thai&to={second.Id}");
        Assert.Equal(Id(second.Id), chosen.QuerySelector("[data-voice-record]")!.GetAttribute("data-team"));
        Assert.Equal(Id(second.Id), chosen.QuerySelector("select#to option[selected]")!.GetAttribute("value"));

        var file = OpusFiles.Webm(TimeSpan.FromSeconds(2));
        using (var created = await CreateAsync(reader, file.Length, second.Id))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            using var saved = await VoiceSite.PatchAsync(reader, await VoiceSite.UploadIdAsync(created), 0, file);
            Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hash = AudioFiles.HashOf(file);
        var recording = await db.VoiceRecordings.SingleAsync(r => r.FileHash == hash && r.TeamId == second.Id, Ct);
        Assert.Equal(world.B1.CommuneId, recording.CommuneId);
    }

    [Fact]
    public async Task ATeamThatIsNotTheirsIsRefusedOnThePageAndInTheUpload()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        int foreign;
        using (var scope = factory.Services.CreateScope())
        {
            foreign = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Teams.Where(t => t.VillageId == world.B1.Id).Select(t => t.Id).SingleAsync(Ct);
        }
        using var reader = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        await VoiceSite.ConsentAsync(reader);

        var page = await reader.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}");
        Assert.Null(page.QuerySelector("select#to"));
        Assert.Contains("Tổ A1", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        await reader.GetAsync($"/giong-doc/ghi/{VoiceSite.LessonId}?to={foreign}");
        Assert.Equal(HttpStatusCode.NotFound, reader.LastResponse!.StatusCode);

        using var refused = await CreateAsync(reader, 1000, foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(VoiceUploads.NotYourTeam, (await refused.Content.ReadFromJsonAsync<Refusal>(Ct))!.Loi);
        using var scope2 = factory.Services.CreateScope();
        Assert.False(await scope2.ServiceProvider.GetRequiredService<AppDbContext>().VoiceUploads.AnyAsync(u => u.TeamId == foreign, Ct));
    }

    /// <summary>Puts the A1 team member in a second team, of commune B.</summary>
    private async Task<(Team First, Team Second)> JoinSecondTeamAsync(HouseholdWorld world)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userId = await db.Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.TeamMemberOfA1]).Select(u => u.Id).SingleAsync(Ct);
        var first = await db.Teams.SingleAsync(t => t.VillageId == world.A1.Id, Ct);
        var second = new Team { Name = "Tổ thứ hai", CommuneId = world.B1.CommuneId, Members = [new TeamMember { UserId = userId }] };
        db.Teams.Add(second);
        await db.SaveChangesAsync(Ct);
        return (first, second);
    }

    private Task<HttpResponseMessage> CreateAsync(SiteClient site, int length, int team) =>
        VoiceSite.CreateAsync(site, Guid.NewGuid().ToString(), VoiceSite.Section(factory).Key, length, team: team);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private sealed record Refusal(string Loi);
}
