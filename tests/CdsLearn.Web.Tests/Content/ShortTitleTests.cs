using CdsLearn.Web.Tests.Infrastructure;

namespace CdsLearn.Web.Tests.Content;

/// <summary>A skill's short name ("An toàn trên mạng") where space is short, and both names where people look for a
/// skill (issue 18, item 8). The site has no search for skills: the home page list shows both names.</summary>
public class ShortTitleTests(QuizRuleFactory factory) : IClassFixture<QuizRuleFactory>
{
    [Fact]
    public async Task ASkillsPosterLeadsWithItsShortName()
    {
        using var visitor = new SiteClient(factory);

        var poster = await visitor.GetAsync("/ap-phich/an-toan-mang");

        Assert.Equal("An toàn trên mạng", poster.QuerySelector(".poster h1")!.TextContent.Trim());
        Assert.Equal("Tự bảo vệ mình trên không gian mạng", poster.QuerySelector(".poster .subtitle")!.TextContent.Trim());
    }

    [Fact]
    public async Task TheHomePageAndTheSkillPageShowBothNames()
    {
        using var visitor = new SiteClient(factory);

        var home = await visitor.GetAsync("/");
        var card = home.QuerySelectorAll(".skill-card").Single(c => c.QuerySelector("a[href='/ky-nang/an-toan-mang']") is not null);
        Assert.Contains("Tự bảo vệ mình trên không gian mạng", card.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Còn gọi là: An toàn trên mạng", card.QuerySelector(".also-called")!.TextContent.Trim());

        var skill = await visitor.GetAsync("/ky-nang/an-toan-mang");
        Assert.Equal("Tự bảo vệ mình trên không gian mạng", skill.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Còn gọi là: An toàn trên mạng", skill.QuerySelector(".also-called")!.TextContent.Trim());
        Assert.Contains("An toàn trên mạng", skill.QuerySelector("nav.crumbs")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCertificateListNamesSkillsByTheirShortNames()
    {
        using var learner = await Learner.RegisterAsync(factory);
        foreach (var module in learner.Course.FindSkill("an-toan-mang")!.Modules)
        {
            await learner.TakeQuizAsync(module.Id);
        }

        var mine = await learner.Site.GetAsync("/chung-chi");

        Assert.Equal(["An toàn trên mạng"], mine.QuerySelectorAll(".certificate-list a").Select(a => a.TextContent.Trim()));
        Assert.Contains("An toàn trên mạng", mine.QuerySelectorAll(".skill-progress a").Select(a => a.TextContent.Trim()));
    }
}
