using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>A team member on a 360 px phone registers a household and a member joins it by its QR link.</summary>
[Collection(BrowserCollection.Name)]
public class TeamMemberFlowTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-to-vien";

    [Fact]
    public async Task ATeamMemberRegistersAHouseholdAndAFamilyMemberJoinsItByQr()
    {
        var phone = await fixture.NewPhoneAsync();
        var (teamMember, villageName) = await TeamMemberOfANewVillageAsync();
        await BrowserFixture.SignInAsync(phone, teamMember, Password);

        await phone.GetByRole(AriaRole.Link, new() { Name = "Hộ của tôi" }).ClickAsync();
        await phone.GetByRole(AriaRole.Link, new() { Name = "+ Thêm hộ" }).ClickAsync();
        await phone.GetByLabel("Mã hộ").FillAsync("PW-001");
        await phone.GetByLabel("Họ tên chủ hộ").FillAsync("Sồng A Páo");
        await phone.GetByLabel("Năm sinh chủ hộ (nếu biết)").FillAsync("1968");
        await BrowserFixture.ScreenshotAsync(phone, "10-them-ho");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lưu hộ" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Hộ Sồng A Páo");
        Assert.Contains(villageName, await phone.Locator(".meta").First.TextContentAsync(), StringComparison.Ordinal);

        await phone.GetByRole(AriaRole.Link, new() { Name = "+ Thêm người" }).ClickAsync();
        await phone.GetByLabel("Họ và tên").FillAsync("Sồng Thị Mai");
        await phone.GetByLabel("Năm sinh (nếu biết)").FillAsync("1995");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lưu" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".member-list li")).ToHaveCountAsync(2);
        await BrowserFixture.ScreenshotAsync(phone, "11-ho-gia-dinh");

        await phone.GetByRole(AriaRole.Link, new() { Name = "Mã QR tham gia", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator(".qr svg")).ToBeVisibleAsync();
        var joinUrl = await phone.Locator(".verify-hint").TextContentAsync();
        await BrowserFixture.ScreenshotAsync(phone, "12-ma-tham-gia");

        // Mai scans the QR on her own phone, registers, and says who she is.
        var mai = await fixture.NewPhoneAsync();
        await mai.GotoAsync(joinUrl!.Trim());
        await mai.GetByRole(AriaRole.Link, new() { Name = "Đăng ký" }).Last.ClickAsync();
        await mai.GetByLabel("Họ và tên").FillAsync("Sồng Thị Mai");
        await mai.GetByLabel("Số điện thoại hoặc tên đăng nhập").FillAsync("mai" + Guid.NewGuid().ToString("N")[..8]);
        await mai.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("mat-khau-cua-mai");
        await mai.GetByLabel("Nhập lại mật khẩu").FillAsync("mat-khau-cua-mai");
        await mai.GetByRole(AriaRole.Button, new() { Name = "Đăng ký" }).ClickAsync();
        await Assertions.Expect(mai.Locator("h1")).ToHaveTextAsync("Vào hộ Sồng A Páo");
        await mai.GetByLabel("Sồng Thị Mai", new() { Exact = true }).CheckAsync();
        await BrowserFixture.ScreenshotAsync(mai, "13-vao-ho");
        await mai.GetByRole(AriaRole.Button, new() { Name = "Vào hộ" }).ClickAsync();
        await Assertions.Expect(mai.Locator(".badge.ok")).ToContainTextAsync("đã thuộc hộ này");

        await phone.GoBackAsync();
        await phone.ReloadAsync();
        await Assertions.Expect(phone.Locator(".member-list li", new() { HasText = "Sồng Thị Mai" })).ToContainTextAsync("Tài khoản");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"household page is {width} px wide");

        // Assign a module to the household; Mai sees it on her home page.
        await phone.GetByLabel("Nội dung").SelectOptionAsync(new SelectOptionValue { Value = "an-toan-mang-mat-khau-otp" });
        await phone.GetByRole(AriaRole.Button, new() { Name = "Giao bài" }).ClickAsync();
        await Assertions.Expect(phone.Locator("#bai-giao + ul")).ToContainTextAsync("Chưa bắt đầu");
        await mai.GotoAsync("/");
        await Assertions.Expect(mai.Locator(".assigned")).ToContainTextAsync("Mật khẩu");
        await BrowserFixture.ScreenshotAsync(mai, "15-bai-duoc-giao");

        // Páo has no phone: he learns on the team member's phone, then the session ends.
        await phone.Locator(".member-list li", new() { HasText = "Sồng A Páo" }).GetByRole(AriaRole.Button, new() { Name = "Học cùng tổ trên máy này" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".assist-banner")).ToContainTextAsync("Sồng A Páo");
        await phone.GotoAsync("/kiem-tra/an-toan-mang-mat-khau-otp");
        await fixture.AnswerAsync(phone, "an-toan-mang-mat-khau-otp", right: true);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".score")).ToContainTextAsync("đạt");
        await BrowserFixture.ScreenshotAsync(phone, "16-hoc-cung-to");
        await phone.Locator(".assist-banner").GetByRole(AriaRole.Button, new() { Name = "Kết thúc" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".assist-banner")).ToHaveCountAsync(0);

        await phone.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Hộ của tôi" }).ClickAsync();
        await phone.GetByPlaceholder("Tìm tên, mã hộ…").FillAsync("song a pao");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".household-list li")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(phone, "14-ho-cua-toi");
    }

    private async Task<(string UserName, string VillageName)> TeamMemberOfANewVillageAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Thử " + Guid.NewGuid().ToString("N")[..4] };
        db.Villages.Add(village);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var user = new AppUser { UserName = "tv" + Guid.NewGuid().ToString("N")[..8], FullName = "Tổ viên thử" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.TeamMember)).Succeeded);
        db.Teams.Add(new Team { Name = "Tổ " + village.Name, CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = user.Id, IsLeader = true }] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (user.UserName, village.Name);
    }
}
