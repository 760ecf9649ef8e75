using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

public class ErasureTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public async Task APersonErasedOnRequestLeavesNoNameBehindAndTheCountsStay()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var learner = await Learner.RegisterAsync(factory, "Quàng Thị Riêng Tư");
        var memberId = await HouseholdWorld.LinkLearnerAsync(factory, world.InA1, learner.UserName, new MemberInput("Quàng Thị Riêng Tư", 1990, "0987654321"));
        foreach (var module in learner.Course.Skills.SelectMany(s => s.Modules))
        {
            await learner.TakeQuizAsync(module.Id);
        }
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var before = await team.GetAsync("/ho-gia-dinh");
        var summaryBefore = before.QuerySelector("p.meta")!.TextContent;
        var page = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/nguoi/{memberId}");

        var unconfirmed = await team.SubmitAsync(page, "form[action*='handler=Erase']", []);
        Assert.Contains("Hãy đánh dấu ô xác nhận", unconfirmed.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        await team.SubmitAsync(page, "form[action*='handler=Erase']", SiteClient.Fields(("confirm", "true")));

        var household = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}");
        Assert.DoesNotContain("Riêng Tư", household.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("0987654321", household.Body!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await team.GetAsync("/ho-gia-dinh?q=rieng+tu")).QuerySelectorAll(".household-list li"));
        Assert.Equal(summaryBefore, (await team.GetAsync("/ho-gia-dinh")).QuerySelector("p.meta")!.TextContent);

        using var check = factory.Services.CreateScope();
        var store = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await store.Users.AnyAsync(u => u.FullName.Contains("Riêng Tư") || u.UserName == learner.UserName, TestContext.Current.CancellationToken));
        Assert.False(await store.Certificates.AnyAsync(c => c.HolderName.Contains("Riêng Tư"), TestContext.Current.CancellationToken));
        Assert.True(await store.AuditEntries.AnyAsync(a => a.Action == "person.erase" && a.Subject.Contains($"member:{memberId}"), TestContext.Current.CancellationToken));

        // The account can no longer be used.
        using var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        var refused = await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", learner.UserName), ("Input.Password", Learner.Password)));
        Assert.NotNull(refused.QuerySelector(".errors li"));
    }
}
