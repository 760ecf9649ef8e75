using CdsLearn.Accounts;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>A "Rung chuông vàng" at the culture house: a team member hosts from a 360 px phone, two neighbours play
/// on theirs, one typing the code and one opening the QR link.</summary>
[Collection(BrowserCollection.Name)]
public class ContestFlowTests(BrowserFixture fixture)
{
    private const string Password = "mat-khau-cuoc-thi";

    [Fact]
    public async Task ATeamMemberHostsAContestAndTwoPhonesPlayIt()
    {
        var host = await fixture.NewPhoneAsync();
        var teamMember = await TeamMemberOfANewVillageAsync();
        await BrowserFixture.SignInAsync(host, teamMember, Password);

        await BrowserFixture.OpenMenuAsync(host);
        await host.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Cuộc thi" }).ClickAsync();
        await host.GetByRole(AriaRole.Link, new() { Name = "Tạo cuộc thi" }).ClickAsync();
        await host.GetByLabel("Tên cuộc thi").FillAsync("Rung chuông vàng ngày Chuyển đổi số");
        await host.GetByLabel("Số câu hỏi").FillAsync("3");
        await host.GetByLabel("Số giây cho mỗi câu").FillAsync("60");
        await host.GetByLabel("Tự bảo vệ mình trên không gian mạng").First.CheckAsync();
        await BrowserFixture.ScreenshotAsync(host, "40-tao-cuoc-thi");
        await AssertFitsAsync(host, "create page");
        await host.GetByRole(AriaRole.Button, new() { Name = "Tạo và mở cuộc thi" }).ClickAsync();
        await Assertions.Expect(host.Locator(".board .qr svg")).ToBeVisibleAsync();
        var code = (await host.Locator(".board-head .code").TextContentAsync())!.Trim();
        var contestId = int.Parse(host.Url.Split('/')[^2], System.Globalization.CultureInfo.InvariantCulture);
        await BrowserFixture.ScreenshotAsync(host, "41-dieu-khien-cho");
        await AssertFitsAsync(host, "host lobby");

        // The culture house's TV gets a link of its own: nobody signs in on it, and it shows the board alone.
        await host.GetByRole(AriaRole.Button, new() { Name = "Tạo liên kết cho TV" }).ClickAsync();
        var screenUrl = new Uri((await host.Locator(".screen-url").TextContentAsync())!.Trim());
        var tv = await fixture.NewScreenAsync(1280, 720);
        await tv.GotoAsync(screenUrl.PathAndQuery);
        await Assertions.Expect(tv.Locator(".board .qr svg")).ToBeVisibleAsync();
        await Assertions.Expect(tv.Locator("header, footer, nav")).ToHaveCountAsync(0);

        // Hoa types the code; Páo opens the link the QR holds.
        var hoa = await fixture.NewPhoneAsync();
        await hoa.GotoAsync("/thi");
        await hoa.GetByLabel("Mã cuộc thi").FillAsync(code.ToLowerInvariant());
        await hoa.GetByLabel("Tên của bạn").FillAsync("Lò Thị Hoa");
        await BrowserFixture.ScreenshotAsync(hoa, "42-vao-thi");
        await hoa.GetByRole(AriaRole.Button, new() { Name = "Vào thi" }).ClickAsync();
        await Assertions.Expect(hoa.Locator("[data-view]")).ToContainTextAsync("Chờ người dẫn bắt đầu");
        var pao = await fixture.NewPhoneAsync();
        await pao.GotoAsync("/thi/" + code);
        await pao.GetByLabel("Tên của bạn").FillAsync("Sồng A Páo");
        await pao.GetByRole(AriaRole.Button, new() { Name = "Vào thi" }).ClickAsync();
        await Assertions.Expect(pao.Locator("[data-view]")).ToContainTextAsync("Chờ người dẫn bắt đầu");
        await Assertions.Expect(host.Locator("[data-players]")).ToHaveTextAsync("2", new() { Timeout = 10_000 });

        // Without JavaScript the join form still works, and the page says why the game itself needs it.
        var old = await fixture.NewPhoneAsync(javaScript: false);
        await old.GotoAsync("/thi");
        await old.GetByLabel("Mã cuộc thi").FillAsync(code);
        await old.GetByLabel("Tên của bạn").FillAsync("Cầm Văn Cũ");
        await old.GetByRole(AriaRole.Button, new() { Name = "Vào thi" }).ClickAsync();
        await Assertions.Expect(old.Locator("noscript, .errors").Last).ToContainTextAsync("cần bật JavaScript");
        await Assertions.Expect(old.Locator("[data-me]")).ToHaveTextAsync("Cầm Văn Cũ");
        await Assertions.Expect(host.Locator("[data-players]")).ToHaveTextAsync("3", new() { Timeout = 10_000 });

        await host.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu câu 1" }).ClickAsync();
        await Assertions.Expect(host.Locator(".countdown")).ToContainTextAsync("giây");
        var (right, wrong) = await OptionsOfAsync(contestId, 0);
        await Assertions.Expect(hoa.Locator(".play-question")).ToBeVisibleAsync();
        await Assertions.Expect(pao.Locator(".play-question")).ToBeVisibleAsync();
        await Assertions.Expect(hoa.Locator(".countdown")).ToContainTextAsync("Còn");
        Assert.True((await hoa.Locator("button.option").First.BoundingBoxAsync())!.Height >= 44, "option buttons are big enough to tap");
        await BrowserFixture.ScreenshotAsync(hoa, "43-thi-cau-hoi");
        await hoa.Locator("button.option").Nth(right).ClickAsync();
        await Assertions.Expect(hoa.GetByRole(AriaRole.Status).Filter(new() { HasText = "Đã nhận câu trả lời." })).ToBeVisibleAsync();
        await pao.Locator("button.option").Nth(wrong).ClickAsync();
        await Assertions.Expect(pao.Locator("#play-status")).ToHaveTextAsync("Đã nhận câu trả lời.");
        await Assertions.Expect(host.Locator("[data-answered]")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        await Assertions.Expect(host.Locator(".board .big")).ToHaveTextAsync("2/3 đã trả lời");
        await BrowserFixture.ScreenshotAsync(host, "44-dieu-khien-cau-hoi");
        // The TV follows live, and at 720p the question, the countdown and the count all fit on the screen.
        await Assertions.Expect(tv.Locator("[data-answered]")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        await BrowserFixture.ScreenshotAsync(tv, "47-man-hinh-tv");
        foreach (var part in new[] { ".board-question", ".board-options", ".countdown", ".board .big" })
        {
            var box = await tv.Locator(part).BoundingBoxAsync();
            Assert.True(box is not null && box.Y + box.Height <= 720, $"on the 1280×720 TV, {part} ends at {box?.Y + box?.Height} px");
        }
        Assert.True(await tv.Locator(".board-question").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)") >= 32,
            "the question is readable from the back of the hall");
        await AssertFitsAsync(host, "host question");
        await AssertFitsAsync(hoa, "player question");

        await host.GetByRole(AriaRole.Button, new() { Name = "Khoá ngay, công bố đáp án" }).ClickAsync();
        await Assertions.Expect(hoa.Locator("#play-status")).ToHaveTextAsync("Hết giờ. Bạn trả lời đúng!");
        await Assertions.Expect(pao.Locator("#play-status")).ToHaveTextAsync("Hết giờ. Bạn trả lời sai.");
        await Assertions.Expect(pao.Locator(".out")).ToContainTextAsync("Bạn đã bị loại");
        await Assertions.Expect(hoa.Locator("button.option.correct")).ToContainTextAsync("Đáp án đúng");
        await BrowserFixture.ScreenshotAsync(pao, "45-thi-dap-an");

        // Páo's phone reloads: the same seat, still out, the answer still shown.
        await pao.ReloadAsync();
        await Assertions.Expect(pao.Locator(".out")).ToContainTextAsync("Bạn đã bị loại");
        await Assertions.Expect(pao.Locator("[data-me]")).ToHaveTextAsync("Sồng A Páo");

        // The host's reload does not end anything; the TV shows the same board.
        await host.ReloadAsync();
        await Assertions.Expect(host.GetByRole(AriaRole.Button, new() { Name = "Vòng cứu trợ: cho người bị loại chơi tiếp" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(host, "46-dieu-khien-dap-an");
        var signedInTv = await host.Context.NewPageAsync();
        await signedInTv.GotoAsync($"/cuoc-thi/{contestId}/man-hinh");
        await Assertions.Expect(signedInTv.Locator(".board-options .correct")).ToContainTextAsync("Đáp án đúng");
        await BrowserFixture.ScreenshotAsync(signedInTv, "47-man-hinh");
        await Assertions.Expect(tv.Locator(".board-options .correct")).ToContainTextAsync("Đáp án đúng", new() { Timeout = 10_000 });
        await AssertFitsAsync(signedInTv, "TV screen");

        await host.GetByRole(AriaRole.Button, new() { Name = "Kết thúc cuộc thi" }).ClickAsync();
        await Assertions.Expect(hoa.Locator("[data-view] h1")).ToHaveTextAsync("Cuộc thi đã kết thúc");
        await Assertions.Expect(pao.Locator("[data-view]")).ToContainTextAsync("Người thắng: Lò Thị Hoa");
        await Assertions.Expect(host.Locator(".winners")).ToHaveTextAsync("Lò Thị Hoa");
        await BrowserFixture.ScreenshotAsync(hoa, "48-thi-ket-thuc");
        await BrowserFixture.ScreenshotAsync(host, "49-dieu-khien-ket-qua");
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{what} is {width} px wide");
    }

    private async Task<(int Right, int Wrong)> OptionsOfAsync(int contestId, int position)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var question = await db.ContestQuestions.SingleAsync(q => q.ContestId == contestId && q.Position == position, TestContext.Current.CancellationToken);
        return (question.CorrectOption, (question.CorrectOption + 1) % question.Options.Count);
    }

    private async Task<string> TeamMemberOfANewVillageAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var commune = await db.Communes.OrderBy(c => c.Id).FirstAsync(TestContext.Current.CancellationToken);
        var village = new Village { CommuneId = commune.Id, Name = "Bản Thi " + Guid.NewGuid().ToString("N")[..4] };
        db.Villages.Add(village);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var user = new AppUser { UserName = "tt" + Guid.NewGuid().ToString("N")[..8], FullName = "Người dẫn thử" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.TeamMember)).Succeeded);
        db.Teams.Add(new Team { Name = "Tổ " + village.Name, CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = user.Id, IsLeader = true }] });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return user.UserName;
    }
}
