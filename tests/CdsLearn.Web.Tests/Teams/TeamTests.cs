using System.Globalization;
using System.Net;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Teams;

public class TeamTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task ACommuneOfficerSetsUpATeamWhoseNewMemberThenSeesThatVillage()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var create = await officer.GetAsync("/to-cong-nghe/them");
        var team = await officer.SubmitAsync(create, "main form", SiteClient.Fields(
            ("Input.CommuneId", world.A2.CommuneId.ToString(CultureInfo.InvariantCulture)),
            ("Input.VillageId", world.A2.Id.ToString(CultureInfo.InvariantCulture)),
            ("Input.Name", "Tổ CNSCĐ Bản A2")));
        Assert.Equal("Tổ CNSCĐ Bản A2", team.QuerySelector("h1")!.TextContent);

        var volunteer = "tv" + Guid.NewGuid().ToString("N")[..8];
        var added = await officer.SubmitAsync(team, "form[action*='handler=AddNew']", SiteClient.Fields(
            ("NewMember.FullName", "Vì Văn Tình"), ("NewMember.UserName", volunteer), ("NewMember.Password", "mat-khau-ban-dau")));
        Assert.Contains("Vì Văn Tình", added.QuerySelector(".member-list")!.TextContent, StringComparison.Ordinal);
        var leader = await officer.SubmitAsync(added, "form[action*='handler=Leader']", []);
        Assert.Contains("Tổ trưởng", leader.QuerySelector(".member-list")!.TextContent, StringComparison.Ordinal);

        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", volunteer), ("Input.Password", "mat-khau-ban-dau")));
        var households = await site.GetAsync("/ho-gia-dinh");
        var shown = households.QuerySelectorAll(".household-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal([$"/ho-gia-dinh/{world.InA2.Id}"], shown);

        // Removed from the team, the volunteer no longer sees the village.
        var again = await officer.GetAsync(new Uri(team.Url).AbsolutePath);
        await officer.SubmitAsync(again, "form[action*='handler=Remove']", []);
        var after = await site.Http.GetAsync($"/ho-gia-dinh/{world.InA2.Id}", TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task ACommuneOfficerCannotTouchTeamsOfAnotherCommune()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        int teamB;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            teamB = await db.Teams.Where(t => t.VillageId == world.B1.Id).Select(t => t.Id).SingleAsync(TestContext.Current.CancellationToken);
        }
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var create = await officer.GetAsync("/to-cong-nghe/them");

        var inB = await officer.PostFormAsync(create, "main form", SiteClient.Fields(
            ("Input.CommuneId", world.B1.CommuneId.ToString(CultureInfo.InvariantCulture)), ("Input.Name", "Tổ lạ")));
        await officer.SubmitAsync(create, "main form", SiteClient.Fields(
            ("Input.CommuneId", world.A1.CommuneId.ToString(CultureInfo.InvariantCulture)),
            ("Input.VillageId", world.B1.Id.ToString(CultureInfo.InvariantCulture)), ("Input.Name", "Tổ lạ")));
        var openB = await officer.Http.GetAsync($"/to-cong-nghe/{teamB}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, inB.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, officer.LastResponse!.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, openB.StatusCode);
        using var check = factory.Services.CreateScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<AppDbContext>().Teams.AnyAsync(t => t.Name == "Tổ lạ", TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(HouseholdWorld.TeamMemberOfA1)]
    [InlineData(HouseholdWorld.Learner)]
    public async Task TeamMembersAndLearnersDoNotManageTeams(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, who);
        var response = await site.Http.GetAsync("/to-cong-nghe", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("khong-co-quyen", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }
}
