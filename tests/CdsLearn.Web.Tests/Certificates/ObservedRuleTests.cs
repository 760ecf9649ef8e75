using System.Net;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Certificates;

/// <summary>The site with skill certificates resting on the team's observations alone (a rule the province may choose).</summary>
public sealed class ObservedRuleFactory : CdsLearnFactory
{
    protected override string? CertificateRule => "Observed";
}

/// <summary>A certificate that rests on what the team saw stands or falls with it: the person's dispute revokes it, and
/// after any revocation only tasks seen again count.</summary>
public class ObservedRuleTests(ObservedRuleFactory factory) : IClassFixture<ObservedRuleFactory>
{
    private const string SkillId = "dich-vu-cong";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Skill Skill => factory.Services.GetRequiredService<CourseCatalog>().Current.FindSkill(SkillId)!;

    [Fact]
    public async Task DisputingATaskACertificateRestedOnRevokesIt()
    {
        using var linked = await LearnerInATeamsVillageAsync("Hà Thị Tranh");
        var (_, learner, team, memberUrl) = linked;
        await TickAllAsync(team, memberUrl);
        var issued = Assert.Single(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName));

        var mine = await learner.Site.GetAsync("/chung-chi");
        await learner.Site.SubmitAsync(mine, ".observation-list form", []);

        var revoked = Assert.Single(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName));
        Assert.Equal(issued.Code, revoked.Code);
        Assert.True(revoked.IsRevoked);
        Assert.Contains("không tự làm", revoked.RevokedReason, StringComparison.Ordinal);
        // The person's word stands: ticking the tasks again does not earn it back.
        await TickAllAsync(team, memberUrl);
        Assert.DoesNotContain(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName), c => !c.IsRevoked);
    }

    [Fact]
    public async Task AfterARevocationTheTeamMustSeeTheTasksAgain()
    {
        using var linked = await LearnerInATeamsVillageAsync("Sầm Văn Lại");
        var (world, learner, team, memberUrl) = linked;
        await TickAllAsync(team, memberUrl);
        var issued = Assert.Single(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName));
        using (var scope = factory.Services.CreateScope())
        {
            var staff = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == world.UserNames[HouseholdWorld.Province]).Select(u => u.Id).SingleAsync(Ct);
            Assert.True(await scope.ServiceProvider.GetRequiredService<CertificateIssuer>().RevokeAsync(issued.Code, "Cấp nhầm", staff, Ct));
        }

        // What the team saw before the revocation counts for nothing, even when the learner's page looks for
        // certificates due...
        await learner.Site.GetAsync("/chung-chi");
        Assert.DoesNotContain(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName), c => !c.IsRevoked);
        // ...until the team sees the tasks again.
        await TickAllAsync(team, memberUrl);
        var again = Assert.Single(await CertificateRuleTests.CertificatesOfAsync(factory, learner.UserName), c => !c.IsRevoked);
        Assert.NotEqual(issued.Code, again.Code);
    }

    /// <summary>A registered learner, a member of a household in village A1, and the A1 team worker signed in.</summary>
    private sealed record Linked(HouseholdWorld World, Learner Learner, SiteClient Team, string MemberUrl) : IDisposable
    {
        public void Dispose()
        {
            Learner.Dispose();
            Team.Dispose();
        }
    }

    private async Task<Linked> LearnerInATeamsVillageAsync(string name)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var learner = await Learner.RegisterAsync(factory, name);
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput(name, 1990, null));
        var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        return new Linked(world, learner, team, $"/ho-gia-dinh/{world.InA1.Id}/nguoi/{memberId}");
    }

    private async Task TickAllAsync(SiteClient team, string memberUrl)
    {
        var page = await team.GetAsync(memberUrl);
        var response = await team.PostFormAsync(page, "form[action*='handler=Observe']", SiteClient.Fields(Skill.ObservedTasks.Select(t => ("Observe.TaskIds", t.Id)).ToArray()));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
