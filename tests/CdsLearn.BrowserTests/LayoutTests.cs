using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>
/// What every page shares, at 360 px: the header and its menu, "Chữ to" and "Tương phản cao", the skip link, the
/// breadcrumbs, legends inside their boxes, "Học cùng tổ" and the commune table (issue 18, items 5, 6, 7, 11, 12).
/// </summary>
[Collection(BrowserCollection.Name)]
public class LayoutTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-giao-dien";
    private const string Lesson = "/bai-hoc/an-toan-mang-gia-danh-co-quan";
    private const string ModuleId = "an-toan-mang-mat-khau-otp";

    /// <summary>Every legend whose box is not inside its fieldset's border (a legend drawn across the top border
    /// starts where the fieldset's box starts).</summary>
    private const string LegendsOutside = """
        () => [...document.querySelectorAll('fieldset > legend')].filter(legend => {
          const box = legend.parentElement.getBoundingClientRect(), style = getComputedStyle(legend.parentElement);
          const inner = legend.getBoundingClientRect(), top = parseFloat(style.borderTopWidth);
          return inner.top < box.top + top || inner.left < box.left || inner.right > box.right || inner.bottom > box.bottom;
        }).map(legend => legend.textContent.trim())
        """;

    /// <summary>Each visible link, button and menu button of the header (and the menu, when open) whose text is
    /// below 4.5:1 against the background it is drawn on, with the ratio.</summary>
    private const string LowContrast = """
        () => {
          const rgb = c => c.match(/[\d.]+/g).map(Number);
          const lum = c => { const [r, g, b] = rgb(c).slice(0, 3).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
          const background = el => { for (; el; el = el.parentElement) { const c = getComputedStyle(el).backgroundColor; if (rgb(c)[3] !== 0) return c; } return 'rgb(255, 255, 255)'; };
          return [...document.querySelectorAll('header a, header button, header summary')]
            .filter(el => el.getClientRects().length > 0 && el.checkVisibility())
            .map(el => { const a = lum(getComputedStyle(el).color), b = lum(background(el)); return [el.textContent.trim(), (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]; })
            .filter(([, ratio]) => ratio < 4.5).map(([text, ratio]) => text + ' ' + ratio.toFixed(2));
        }
        """;

    [Fact]
    public async Task QuizQuestionsAndTheTeamsTickFormKeepTheirHeadingsInsideTheirBoxes()
    {
        var (team, householdId, memberId, _) = await TeamMemberWithAHouseholdAsync();
        var phone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(phone, team, Password);

        await phone.GotoAsync($"/kiem-tra/{ModuleId}");
        Assert.True(await phone.Locator("fieldset.question > legend").CountAsync() > 0);
        Assert.Empty(await phone.EvaluateAsync<string[]>(LegendsOutside));
        await ScreenAsync(phone, "60-cau-hoi-trong-khung");

        await phone.GotoAsync($"/ho-gia-dinh/{householdId}/nguoi/{memberId}");
        Assert.True(await phone.Locator("#to-xac-nhan ~ form fieldset > legend").CountAsync() > 0);
        Assert.Empty(await phone.EvaluateAsync<string[]>(LegendsOutside));
        await phone.Locator("#to-xac-nhan").ScrollIntoViewIfNeededAsync();
        await ScreenAsync(phone, "61-to-xac-nhan");
    }

    [Fact]
    public async Task TheHeaderAndItsMenuReadInEveryDisplayModeAndTheOptionsAreOnTheFirstScreen()
    {
        var phone = await fixture.NewPhoneAsync();
        await phone.GotoAsync(Lesson);
        var modes = new (string Name, string[] Press)[]
        {
            ("thuong", []), ("chu-to", ["Chữ to"]), ("tuong-phan", ["Chữ to", "Tương phản cao"]), ("tuong-phan-chu-to", ["Chữ to"]),
        };
        foreach (var (name, press) in modes)
        {
            await BrowserFixture.OpenMenuAsync(phone);
            foreach (var button in press)
            {
                await phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
            }
            foreach (var button in new[] { "Chữ to", "Tương phản cao" })
            {
                var box = await phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = button }).BoundingBoxAsync();
                Assert.True(box is not null && box.Y + box.Height <= 740, $"“{button}” is not on the first screen ({name}): {box?.Y}");
            }
            Assert.Empty(await phone.EvaluateAsync<string[]>(LowContrast));
            await ScreenAsync(phone, "62-menu-" + name);
            await phone.Keyboard.PressAsync("Escape");
            Assert.Empty(await phone.EvaluateAsync<string[]>(LowContrast));
            await ScreenAsync(phone, "63-bai-hoc-" + name);
        }
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.classList.contains('contrast')"));

        // A team member's menu, in high contrast (the choice is kept on the phone, through signing in).
        var (team, _, _, _) = await TeamMemberWithAHouseholdAsync();
        await BrowserFixture.SignInAsync(phone, team, Password);
        await phone.GotoAsync("/");
        Assert.Empty(await phone.EvaluateAsync<string[]>(LowContrast));
        await BrowserFixture.OpenMenuAsync(phone);
        Assert.Empty(await phone.EvaluateAsync<string[]>(LowContrast));
        await ScreenAsync(phone, "64-menu-to-vien-tuong-phan");
    }

    [Fact]
    public async Task TheDisplayOptionsWorkWithoutJavaScript()
    {
        var phone = await fixture.NewPhoneAsync(javaScript: false);
        await phone.GotoAsync(Lesson);
        await BrowserFixture.OpenMenuAsync(phone);
        await phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Chữ to" }).ClickAsync();

        await Assertions.Expect(phone.Locator("h1")).ToBeVisibleAsync();
        Assert.EndsWith(Lesson, phone.Url, StringComparison.Ordinal);
        Assert.Equal("21px", await phone.EvaluateAsync<string>("() => getComputedStyle(document.documentElement).fontSize"));
        await BrowserFixture.OpenMenuAsync(phone);
        await Assertions.Expect(phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Chữ to" })).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Tương phản cao" })).ToHaveAttributeAsync("aria-pressed", "false");
    }

    [Fact]
    public async Task TheFirstTabOffersToSkipToTheContentAndBreadcrumbsAreFingerSized()
    {
        var phone = await fixture.NewPhoneAsync();
        await phone.GotoAsync(Lesson);

        await phone.Keyboard.PressAsync("Tab");
        Assert.Equal("Bỏ qua, đến nội dung chính", await phone.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await Assertions.Expect(phone.Locator(".skip-link")).ToBeInViewportAsync();
        await ScreenAsync(phone, "65-bo-qua");
        await phone.Keyboard.PressAsync("Enter");
        Assert.Equal("noi-dung-chinh", await phone.EvaluateAsync<string>("() => document.activeElement.id"));

        var home = await phone.Locator(".crumbs").GetByRole(AriaRole.Link, new() { Name = "Trang chủ" }).BoundingBoxAsync();
        Assert.True(home!.Height >= 44, $"“Trang chủ” is {home.Height} px tall");
    }

    [Fact]
    public async Task WhileHelpingSomeoneTheHeaderShowsOnlyWhatThatPersonNeedsAndOneKetThuc()
    {
        var (team, householdId, _, headName) = await TeamMemberWithAHouseholdAsync();
        var phone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(phone, team, Password);
        await phone.GotoAsync($"/ho-gia-dinh/{householdId}");
        await phone.Locator(".member-list li", new() { HasText = headName }).GetByRole(AriaRole.Button, new() { Name = "Học cùng tổ trên máy này" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".assist-banner")).ToContainTextAsync(headName);

        foreach (var path in new[] { "/", Lesson })
        {
            await phone.GotoAsync(path);
            await BrowserFixture.OpenMenuAsync(phone);
            var header = phone.Locator("header");
            foreach (var theirs in new[] { "Số liệu", "Mật khẩu", "Đăng xuất", "Hộ của tôi", "Cuộc thi" })
            {
                await Assertions.Expect(header.GetByText(theirs, new() { Exact = true })).ToHaveCountAsync(0);
            }
            await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Kết thúc" })).ToHaveCountAsync(1);
            await Assertions.Expect(header.GetByRole(AriaRole.Button, new() { Name = "Chữ to" })).ToBeVisibleAsync();
            await Assertions.Expect(phone.GetByRole(AriaRole.Button, new() { Name = "Kết thúc" })).ToHaveCountAsync(1);
        }
        await ScreenAsync(phone, "66-hoc-cung-to-menu");

        await phone.Locator("header").GetByRole(AriaRole.Button, new() { Name = "Kết thúc" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".assist-banner")).ToHaveCountAsync(0);
        await Assertions.Expect(phone.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Hộ của tôi" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheHeaderKeepsToOneLineForEveryone()
    {
        var (team, _, _, _) = await TeamMemberWithAHouseholdAsync();
        var people = new (string Name, string? UserName)[]
        {
            ("khach", null), ("nguoi-hoc", await UserAsync(Roles.Learner)), ("to-vien", team),
            ("can-bo-xa", await UserAsync(Roles.CommuneOfficer)), ("so", await UserAsync(Roles.ProvinceStaff)),
        };
        foreach (var (name, userName) in people)
        {
            var phone = await fixture.NewPhoneAsync();
            if (userName is not null)
            {
                await BrowserFixture.SignInAsync(phone, userName, Password);
            }
            await phone.GotoAsync("/");
            var height = await phone.EvaluateAsync<double>("() => document.querySelector('header').getBoundingClientRect().height");
            Assert.True(height <= 70, $"the header of {name} is {height} px tall");
            Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, $"the page of {name} is wider than the phone");
            await ScreenAsync(phone, "67-dau-trang-" + name);

            // With "Chữ to" the brand may take a row of its own, never a word per line.
            await BrowserFixture.SwitchDisplayAsync(phone, "Chữ to");
            height = await phone.EvaluateAsync<double>("() => document.querySelector('header').getBoundingClientRect().height");
            Assert.True(height <= 100, $"with “Chữ to” the header of {name} is {height} px tall");
            Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, $"with “Chữ to” the page of {name} is wider than the phone");
            await ScreenAsync(phone, "67-dau-trang-" + name + "-chu-to");
            await phone.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task OnAPhoneTheCommuneTableIsACardPerCommuneThatStillSortsAndSearches()
    {
        var phone = await fixture.NewPhoneAsync();
        await BrowserFixture.SignInAsync(phone, await UserAsync(Roles.ProvinceStaff), Password);
        await phone.GotoAsync("/so-lieu/xa");

        Assert.True(await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 360, "the page is wider than the phone");
        Assert.True(await phone.EvaluateAsync<bool>("() => { const t = document.querySelector('.table-scroll'); return t.scrollWidth <= t.clientWidth; }"),
            "the table scrolls sideways");
        var labels = await phone.Locator(".commune-table tbody tr").First.Locator("td")
            .EvaluateAllAsync<string[]>("cells => cells.map(td => getComputedStyle(td, '::before').content)");
        Assert.Contains("\"Hộ đã đăng ký: \"", labels);
        var sort = phone.Locator(".commune-table thead").GetByRole(AriaRole.Link, new() { Name = "Tỉ lệ phủ" });
        Assert.True((await sort.BoundingBoxAsync())!.Height >= 44);
        await ScreenAsync(phone, "68-the-xa");

        await sort.ClickAsync();
        await Assertions.Expect(phone.Locator(".commune-table thead th[aria-sort]")).ToContainTextAsync("Tỉ lệ phủ");
        var first = await phone.Locator(".commune-table tbody th").First.InnerTextAsync();
        await phone.GetByPlaceholder("Tìm tên xã, phường…").FillAsync(first.Trim());
        await phone.GetByRole(AriaRole.Button, new() { Name = "Tìm" }).ClickAsync();
        await Assertions.Expect(phone.Locator(".commune-table tbody tr").First.Locator("th")).ToHaveTextAsync(first.Trim());
    }

    /// <summary>What the phone shows without scrolling: where the header, the menu and the options are.</summary>
    private static Task ScreenAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    private async Task<string> UserAsync(string role)
    {
        using var scope = fixture.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = "gd" + Guid.NewGuid().ToString("N")[..8], FullName = "Người thử giao diện" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user.UserName;
    }

    private async Task<(string UserName, int HouseholdId, int HeadId, string HeadName)> TeamMemberWithAHouseholdAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        var tag = Guid.NewGuid().ToString("N")[..4];
        var village = new Village { CommuneId = commune.Id, Name = "Bản Giao Diện " + tag };
        db.Villages.Add(village);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var userName = await UserAsync(Roles.TeamMember);
        var user = await db.Users.SingleAsync(u => u.UserName == userName, TestContext.Current.CancellationToken);
        db.Teams.Add(new Team { Name = "Tổ " + village.Name, CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = user.Id, IsLeader = true }] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var headName = "Lường Văn Giao " + tag;
        var household = await scope.ServiceProvider.GetRequiredService<HouseholdEditor>()
            .CreateAsync(Scope.Province, new HouseholdInput(village.Id, "GD-" + tag, headName), 1960, null, TestContext.Current.CancellationToken);
        return (userName, household.Id, household.Members[0].Id, headName);
    }
}
