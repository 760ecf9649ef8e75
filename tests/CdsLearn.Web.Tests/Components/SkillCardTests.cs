using Bunit;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Components;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Components;

/// <summary>The card links by page name (CourseLinks), so it renders with the site's own route table.</summary>
public class SkillCardTests : BunitContext, IClassFixture<CdsLearnFactory>
{
    public SkillCardTests(CdsLearnFactory factory) => Services.AddSingleton(factory.Services.GetRequiredService<CourseLinks>());

    // Two modules, three lessons, 4 + 5 + 3 = 12 minutes.
    private static readonly Skill BaoMat = new(
        "bao-mat", "Bảo mật tài khoản", 2, "Giữ mật khẩu và mã OTP an toàn.", "<p>Giới thiệu</p>",
        [
            new Module("bm-1", "bao-mat", "Mật khẩu", 1, "", "", [
                new Lesson("bm-1-1", "bm-1", "Mật khẩu mạnh", 1, 4, "<p>…</p>"),
                new Lesson("bm-1-2", "bm-1", "Đổi mật khẩu", 2, 5, "<p>…</p>"),
            ], new Quiz("bm-1", 5, null, [])),
            new Module("bm-2", "bao-mat", "Mã OTP", 2, "", "", [
                new Lesson("bm-2-1", "bm-2", "Không đưa OTP cho ai", 1, 3, "<p>…</p>"),
            ], new Quiz("bm-2", 5, null, [])),
        ]);

    [Fact]
    public void TitleLinksToTheSkillPage()
    {
        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat));

        var link = card.Find("h2 a");
        Assert.Equal("/ky-nang/bao-mat", link.GetAttribute("href"));
        Assert.Equal("2. Bảo mật tài khoản", link.TextContent);
        Assert.Contains("Giữ mật khẩu và mã OTP an toàn.", card.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowsHowManyModulesLessonsAndMinutes()
    {
        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat));

        Assert.Equal("2 phần · 3 bài · khoảng 12 phút", card.Find(".meta").TextContent);
    }

    [Fact]
    public void AVisitorSeesNoProgressAndNoCertificate()
    {
        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat).Add(c => c.Progress, null));

        Assert.Empty(card.FindAll("progress"));
        Assert.False(card.HasComponent<ProgressBar>());
        Assert.Empty(card.FindAll("a[href^='/chung-chi/']"));
    }

    [Fact]
    public void ALearnerSeesTheirProgress()
    {
        // 2 of 3 lessons read and 1 of 2 quizzes passed: 3 of 5 steps = 60 %.
        var progress = new SkillProgress(BaoMat, 2, 3, 1, 2, null, new Missing([], [], []));

        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat).Add(c => c.Progress, progress));

        Assert.Equal("60", card.Find("progress").GetAttribute("value"));
        Assert.Equal("Đã học: 60 %", card.Find(".progress-text").TextContent);
        Assert.Empty(card.FindAll("a[href^='/chung-chi/']"));
    }

    [Fact]
    public void ALearnerWithNothingDoneYetSeesZeroPercent()
    {
        var progress = new SkillProgress(BaoMat, 0, 3, 0, 2, null, new Missing([], [], []));

        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat).Add(c => c.Progress, progress));

        Assert.Equal("0", card.Find("progress").GetAttribute("value"));
    }

    [Fact]
    public void AHolderSeesALinkToTheirCertificate()
    {
        var certificate = new Certificate
        {
            Code = "7KQ2-M9XD", UserId = "u1", HolderName = "Nguyễn Văn An", SkillId = "bao-mat", Province = "Lào Cai",
            IssuedAt = new DateTime(2026, 3, 5, 9, 0, 0, DateTimeKind.Utc),
        };
        var progress = new SkillProgress(BaoMat, 3, 3, 2, 2, certificate, new Missing([], [], []));

        var card = Render<SkillCard>(p => p.Add(c => c.Skill, BaoMat).Add(c => c.Progress, progress));

        Assert.Equal("100", card.Find("progress").GetAttribute("value"));
        var link = card.Find("a[href^='/chung-chi/']");
        Assert.Equal("/chung-chi/7KQ2-M9XD", link.GetAttribute("href"));
        Assert.Equal("Đã có chứng chỉ", link.TextContent);
    }
}
