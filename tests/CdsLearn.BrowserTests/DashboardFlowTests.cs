using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>Province staff on a 360 px phone: the overview, the commune table, a commune, the Excel download, and a
/// number that changes while they look.</summary>
[Collection(BrowserCollection.Name)]
public class DashboardFlowTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-so-lieu";

    [Fact]
    public async Task ProvinceStaffFollowTheCommunesAndSeeTheNumbersMoveLive()
    {
        var phone = await fixture.NewPhoneAsync();
        var (staff, communeName, villageId) = await ProvinceStaffAndAVillageAsync();
        await BrowserFixture.SignInAsync(phone, staff, Password);

        await phone.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Số liệu" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Số liệu: Toàn tỉnh Sơn La");
        await Assertions.Expect(phone.Locator("figure svg[role=img]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "30-so-lieu-tinh");
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "overview wider than the phone");

        // What coverage counts is said under the figure, and the rule is one tap away, with each skill's short name
        // beside its title (issue 18 items 10 and 8).
        await Assertions.Expect(phone.Locator(".coverage-note").First).ToContainTextAsync("Công dân số");
        await phone.Locator(".coverage-note").First.GetByRole(AriaRole.Link, new() { Name = "Cách tính" }).ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Cách tính độ phủ");
        var safety = fixture.Course.FindSkill("an-toan-mang")!;
        await Assertions.Expect(phone.Locator(".rule-skills li").Filter(new() { HasText = safety.Title })).ToContainTextAsync($"({safety.ShortTitle})");
        await Assertions.Expect(phone.Locator(".rule-skills li")).ToHaveCountAsync(fixture.Course.Skills.Count);
        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "the rule page is wider than the phone");
        await BrowserFixture.ScreenshotAsync(phone, "30b-cach-tinh-do-phu");
        await phone.GoBackAsync();

        await phone.GetByRole(AriaRole.Link, new() { Name = "Bảng các xã, phường" }).ClickAsync();
        await phone.GetByPlaceholder("Tìm tên xã, phường…").FillAsync(Fold(communeName));
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".commune-table tbody tr")).ToHaveCountAsync(1);
        await phone.GetByRole(AriaRole.Link, new() { Name = "Tỉ lệ phủ" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".commune-table tbody tr")).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(phone, "31-bang-xa");
        var download = await phone.RunAndWaitForDownloadAsync(() => phone.GetByRole(AriaRole.Link, new() { Name = "Tải bảng (Excel)" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        Assert.True(new FileInfo(await download.PathAsync()).Length > 1000);

        await phone.Locator(".commune-table tbody th a").ClickAsync();
        await Assertions.Expect(phone.Locator("h1")).ToContainTextAsync(communeName);
        var registered = phone.Locator("table.figures tr", new() { Has = phone.GetByRole(AriaRole.Rowheader, new() { Name = "Hộ đã đăng ký", Exact = true }) }).Locator("td").Nth(1);
        await Assertions.Expect(registered).ToHaveTextAsync("1");
        await BrowserFixture.ScreenshotAsync(phone, "32-so-lieu-xa");

        // A team worker registers a household elsewhere: the number moves on the staff's screen without a reload.
        await phone.EvaluateAsync("() => window.notReloaded = true");
        using (var scope = fixture.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
                .CreateAsync(Scope.Province, new HouseholdInput(villageId, "LIVE-2", "Hộ thứ hai"), 1975, null, TestContext.Current.CancellationToken);
        }
        await Assertions.Expect(registered).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        Assert.True(await phone.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Assertions.Expect(phone.Locator(".commune-table, main").First.Locator("a[href^='/ho-gia-dinh?thon=']")).ToHaveCountAsync(1);
    }

    private static string Fold(string text) => CdsLearn.Households.SearchText.Fold(text);

    private async Task<(string UserName, string CommuneName, int VillageId)> ProvinceStaffAndAVillageAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var commune = new Commune { Name = "Mường Số " + tag, Kind = CommuneKind.Xa, OfficialHouseholds = 40 };
        var village = new Village { Commune = commune, Name = "Bản Số " + tag };
        db.AddRange(commune, village);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var user = new AppUser { UserName = "skhcn" + tag, FullName = "Cán bộ Sở" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.ProvinceStaff)).Succeeded);
        await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
            .CreateAsync(Scope.Province, new HouseholdInput(village.Id, "LIVE-1", "Hộ thứ nhất"), 1970, null, TestContext.Current.CancellationToken);
        return (user.UserName, commune.DisplayName, village.Id);
    }
}
