using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Voices;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CdsLearn.BrowserTests;

/// <summary>The teams' voices on a 360 px phone, with "Chữ to" and "Tương phản cao": the button only on a lesson with an
/// approved reading, the player's buttons where the sections are, a practice task's steps read the same way, and the
/// commune table's count of recorded lessons.</summary>
[Collection(BrowserCollection.Name)]
public class VoicePlayerFlowTests(BrowserFixture fixture)
{
    private const string LessonId = "an-toan-mang-ma-otp";
    private const string TaskId = "lam-thu-vneid-vi-giay-to";
    private const string Password = "mat-khau-giong-doc";

    [Fact]
    public async Task ALearnerFindsTheTeamsVoiceWhereThereIsOneAndItsButtonsBesideTheSections()
    {
        var (staff, communeName) = await ApprovedReadingsAsync();
        var page = await fixture.NewPhoneAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        // A lesson nobody read aloud: no button (the phone's "Nghe bài" is all there is).
        var unread = fixture.Course.Skills.SelectMany(s => s.Modules).SelectMany(m => m.Lessons).First(l => l.Id is not LessonId).Id;
        await page.GotoAsync($"/bai-hoc/{unread}");
        await Assertions.Expect(page.Locator("#giong-doc")).ToHaveCountAsync(0);

        await page.GotoAsync($"/bai-hoc/{LessonId}");
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Nghe giọng đọc của Tổ (Tiếng Thái)" });
        await Assertions.Expect(open).ToBeVisibleAsync();
        await ScreenAsync(page, "70-giong-doc-nut");
        await open.ClickAsync();
        await Assertions.Expect(page.Locator("#giong-doc-ngon-ngu")).ToHaveValueAsync("thai");
        var plays = page.Locator(".lesson .prose .voice-play");
        await Assertions.Expect(plays).ToHaveCountAsync(2);
        // The opening's button first in the text, the first part's right after its heading.
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('.lesson .prose').firstElementChild.matches('.voice-part:has(> .voice-play)')"));
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('.lesson .prose h2').nextElementSibling.matches('.voice-part:has(> .voice-play)')"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Nghe cả bài" })).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page);
        await BrowserFixture.SwitchDisplayAsync(page, "Chữ to");
        await BrowserFixture.SwitchDisplayAsync(page, "Tương phản cao");
        await AssertFitsThePhoneAsync(page);
        await page.Locator(".lesson .prose h2").First.ScrollIntoViewIfNeededAsync();
        await ScreenAsync(page, "71-giong-doc-chu-to-tuong-phan");

        // The phone chose Thái on the lesson; the task has H'Mông only: its player loads at once, in H'Mông, and the
        // current step's button sits under the step.
        await page.GotoAsync($"/lam-thu/{TaskId}");
        await Assertions.Expect(page.Locator("#giong-doc-ngon-ngu")).ToHaveValueAsync("hmong");
        await Assertions.Expect(page.Locator(".step:not([hidden]) .voice-play")).ToBeVisibleAsync();
        await AssertFitsThePhoneAsync(page);
        await page.Locator(".step:not([hidden])").ScrollIntoViewIfNeededAsync();
        await ScreenAsync(page, "72-giong-doc-lam-thu");

        await BrowserFixture.SignInAsync(page, staff, Password);
        await page.GotoAsync("/so-lieu/xa");
        var row = page.Locator(".commune-table tr", new() { HasText = communeName });
        await Assertions.Expect(row.Locator("td.voiced")).ToHaveTextAsync("2");
        await AssertFitsThePhoneAsync(page);
        await row.Locator("td.voiced").ScrollIntoViewIfNeededAsync();
        await ScreenAsync(page, "73-so-lieu-bai-co-giong-doc");
        Assert.Empty(errors);
    }

    /// <summary>What the phone's screen shows (not the whole page): the part being looked at.</summary>
    private static Task ScreenAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png") });

    private static async Task AssertFitsThePhoneAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 360, $"{page.Url} is {width} px wide on a 360 px screen");
    }

    /// <summary>A commune whose team's readings are approved: the lesson's opening and first part in Thái, the task's
    /// first two steps in H'Mông; and a province officer to see the commune table.</summary>
    private async Task<(string Staff, string CommuneName)> ApprovedReadingsAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var commune = new Commune { Name = "Chiềng Giọng " + tag, Kind = CommuneKind.Xa };
        var village = new Village { Commune = commune, Name = "Bản Nà Si " + tag };
        db.AddRange(commune, village);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var reader = new AppUser { UserName = "doc" + tag, FullName = "Lò Thị Hoa" };
        Assert.True((await users.CreateAsync(reader, Password)).Succeeded);
        var team = new Team { Name = "Tổ bản Nà Si", CommuneId = commune.Id, VillageId = village.Id, Members = [new TeamMember { UserId = reader.Id, IsLeader = true }] };
        db.Teams.Add(team);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        void Approve(string itemId, string language, int sections)
        {
            foreach (var section in VoiceItem.Find(fixture.Course, itemId)!.Sections.Take(sections))
            {
                db.VoiceRecordings.Add(new VoiceRecording
                {
                    ItemId = itemId, SectionKey = section.Key, SectionHash = section.Hash, Language = language, RecorderId = reader.Id,
                    TeamId = team.Id, CommuneId = commune.Id, Status = VoiceStatus.Approved, RecordedAt = DateTime.UtcNow, ReviewedAt = DateTime.UtcNow,
                    FileHash = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)), Bytes = 1000, DurationMs = 1000,
                });
            }
        }
        Approve(LessonId, "thai", 2);
        Approve(TaskId, "hmong", 2);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        // Written here rather than through the review page: told as the review would.
        scope.ServiceProvider.GetRequiredService<VoicePublications>().Announce([LessonId, TaskId]);
        var staff = new AppUser { UserName = "skhcn-giong" + tag, FullName = "Cán bộ Sở" };
        Assert.True((await users.CreateAsync(staff, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(staff, Roles.ProvinceStaff)).Succeeded);
        return (staff.UserName, commune.DisplayName);
    }
}
