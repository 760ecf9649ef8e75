using System.Globalization;
using System.Net;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Security;

/// <summary>
/// Every form that names a village or commune in its fields, posted by every role with the id of a place outside the
/// scope of all but province staff (commune B, village B1), in every way model binding reads it: <c>Input.X</c> and
/// <c>Input[X]</c>, in the form or the query string. Only province staff and administrators may write there; for
/// everyone else nothing changes, and no answer is a 500. (The attack found <c>Input[VillageId]</c> slipped past a
/// filter that looked for the name <c>Input.VillageId</c>.)
/// </summary>
public class ScopeMatrixTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    /// <summary>A member of a commune-wide team of commune A: sees the whole commune, manages nothing in it.</summary>
    private const string CommuneTeamOfA = "team-commune-a";

    public enum Binding
    {
        FormDotted,
        FormBracketed,
        QueryDotted,
        QueryBracketed,
    }

    public static TheoryData<string, Binding> Cases()
    {
        var data = new TheoryData<string, Binding>();
        foreach (var who in HouseholdWorld.Everyone.Append(CommuneTeamOfA))
        {
            foreach (var binding in Enum.GetValues<Binding>())
            {
                data.Add(who, binding);
            }
        }
        return data;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static bool ProvinceWide(string who) => who is HouseholdWorld.Province or HouseholdWorld.Admin;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task NoRoleWritesOutsideItsScopeWhateverTheFieldIsCalled(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var communeB = world.B1.CommuneId;
        var failures = new List<string>();

        var code = "X-" + Guid.NewGuid().ToString("N")[..6];
        await PostAsync(site, token, "/ho-gia-dinh/them", binding, ("VillageId", Id(world.B1.Id)), failures, ("Input.Code", code), ("Input.HeadName", "Hộ lạ"));
        await PostAsync(site, token, $"/ho-gia-dinh/{world.InA1.Id}/sua", binding, ("VillageId", Id(world.B1.Id)), failures, ("Input.Code", "A1-001"), ("Input.HeadName", "Lò Văn Một"));
        var team = "Tổ lạ " + Guid.NewGuid().ToString("N")[..6];
        await PostAsync(site, token, "/to-cong-nghe/them", binding, ("CommuneId", Id(communeB)), failures, ("Input.Name", team));
        var contest = "Cuộc thi lạ " + Guid.NewGuid().ToString("N")[..6];
        await PostAsync(site, token, "/cuoc-thi/tao", binding, ("CommuneId", Id(communeB)), failures,
            ("Input.Title", contest), ("Input.Mode", "Points"), ("Input.Seconds", "20"), ("Input.QuestionCount", "3"));
        await PostAsync(site, token, "/so-lieu/chi-tieu", binding, ("CommuneId", Id(communeB)), failures, ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "37"));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // B1's own team member may work in B1 (households, contests), but neither sees A1 nor sets up teams.
        var binds = binding != Binding.QueryBracketed;
        var worksInB = binds && (ProvinceWide(who) || who == HouseholdWorld.TeamMemberOfB1);
        Check(failures, "household created in B1", worksInB, await db.Households.AnyAsync(h => h.VillageId == world.B1.Id && h.Code == code, Ct));
        Check(failures, "household of A1 moved to B1", binds && ProvinceWide(who), await db.Households.AnyAsync(h => h.Id == world.InA1.Id && h.VillageId == world.B1.Id, Ct));
        Check(failures, "team created in commune B", binds && ProvinceWide(who), await db.Teams.AnyAsync(t => t.CommuneId == communeB && t.Name == team, Ct));
        Check(failures, "contest created in commune B", worksInB, await db.Contests.AnyAsync(c => c.CommuneId == communeB && c.Title == contest, Ct));
        Check(failures, "target set for commune B", binds && ProvinceWide(who), await db.QuarterTargets.AnyAsync(t => t.CommuneId == communeB && t.Percent == 37, Ct));
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AnIdThatDoesNotExistIsAFormErrorOrARefusalNeverA500(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var failures = new List<string>();
        const string Nowhere = "987654321";

        var code = "N-" + Guid.NewGuid().ToString("N")[..6];
        await PostAsync(site, token, "/ho-gia-dinh/them", binding, ("VillageId", Nowhere), failures, ("Input.Code", code), ("Input.HeadName", "Hộ lạ"));
        await PostAsync(site, token, $"/ho-gia-dinh/{world.InA1.Id}/sua", binding, ("VillageId", Nowhere), failures, ("Input.Code", "A1-001"), ("Input.HeadName", "Lò Văn Một"));
        await PostAsync(site, token, "/to-cong-nghe/them", binding, ("CommuneId", Nowhere), failures, ("Input.Name", "Tổ ma"));
        await PostAsync(site, token, "/cuoc-thi/tao", binding, ("CommuneId", Nowhere), failures, ("Input.Mode", "Points"), ("Input.Seconds", "20"), ("Input.QuestionCount", "3"));
        await PostAsync(site, token, "/so-lieu/chi-tieu", binding, ("CommuneId", Nowhere), failures, ("Input.SkillId", "an-toan-mang"), ("Input.Percent", "37"));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Households.AnyAsync(h => h.Code == code, Ct));
        Assert.Equal(world.A1.Id, await db.Households.Where(h => h.Id == world.InA1.Id).Select(h => h.VillageId).SingleAsync(Ct));
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    /// <summary>Finding 11: a member of a commune-wide team overwrote the commune's quarterly report text.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyTheCommunesOfficersAndTheProvinceWriteItsReport(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var failures = new List<string>();
        var text = "Ghi đè " + Guid.NewGuid().ToString("N")[..6];
        var field = binding is Binding.FormBracketed or Binding.QueryBracketed ? "[Difficulties]" : "Difficulties";
        var inQuery = binding is Binding.QueryDotted or Binding.QueryBracketed;
        var url = $"/so-lieu/xa/{world.A1.CommuneId}/bao-cao" + (inQuery ? $"?{Uri.EscapeDataString(field)}={Uri.EscapeDataString(text)}" : "");
        using var response = await site.Http.PostAsync(url, Form(token, inQuery ? [] : [(field, text)]), Ct);
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"{url}: {(int)response.StatusCode}");
        }

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var written = await db.CommuneReportNotes.AnyAsync(n => n.CommuneId == world.A1.CommuneId && n.Difficulties == text, Ct);
        var mayWrite = who is HouseholdWorld.OfficerOfA || ProvinceWide(who);
        // Model binding reads "[Difficulties]" in a form as "Difficulties" (jQuery's style), but not in a query string.
        Check(failures, "report text written", mayWrite && binding != Binding.QueryBracketed, written);
        if (who is CommuneTeamOfA)
        {
            Assert.True(response.StatusCode is HttpStatusCode.NotFound
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("khong-co-quyen", StringComparison.Ordinal)),
                response.StatusCode.ToString());
        }
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    /// <summary>"Kênh của xã": a commune's channels are set by its officers and province staff only, and only for the
    /// commune of the address: a commune id in any binding form moves nothing.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyTheCommunesOfficersAndTheProvinceSetItsChannels(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var failures = new List<string>();
        var zalo = "https://zalo.me/g/" + Guid.NewGuid().ToString("N")[..8];

        await PostAsync(site, token, $"/kenh-cua-xa/cai-dat/{world.A1.CommuneId}", binding, ("CommuneId", Id(world.B1.CommuneId)), failures, ("Input.ZaloUrl", zalo));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Check(failures, "channels of commune A set", who is HouseholdWorld.OfficerOfA || ProvinceWide(who),
            await db.Communes.AnyAsync(c => c.Id == world.A1.CommuneId && c.ZaloUrl == zalo, Ct));
        Check(failures, "channels of commune B set", false, await db.Communes.AnyAsync(c => c.Id == world.B1.CommuneId && c.ZaloUrl == zalo, Ct));
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    /// <summary>Voices: a recording is reviewed by its commune's officers and province staff only; its id in any
    /// binding form reaches nothing else.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyTheCommunesOfficersAndTheProvinceApproveItsTeamsRecordings(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var inA = await Voices.VoiceSite.AddRecordingAsync(factory, world.A1.Id);
        var inB = await Voices.VoiceSite.AddRecordingAsync(factory, world.B1.Id);
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var failures = new List<string>();

        await PostAsync(site, token, "/giong-doc/duyet", binding, ("RecordingId", Id(inA)), failures, ("Input.Decision", "Approve"));
        await PostAsync(site, token, "/giong-doc/duyet", binding, ("RecordingId", Id(inB)), failures, ("Input.Decision", "Approve"));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var binds = binding != Binding.QueryBracketed;
        Check(failures, "recording of commune A approved", binds && (who is HouseholdWorld.OfficerOfA || ProvinceWide(who)),
            await db.VoiceRecordings.AnyAsync(r => r.Id == inA && r.Status == CdsLearn.Voices.VoiceStatus.Approved, Ct));
        Check(failures, "recording of commune B approved", binds && ProvinceWide(who),
            await db.VoiceRecordings.AnyAsync(r => r.Id == inB && r.Status == CdsLearn.Voices.VoiceStatus.Approved, Ct));
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    /// <summary>Voices: a reader deletes their own readings only; another reader's recording id (same village, other
    /// commune) in any binding form deletes nothing, and a withdrawal touches the signed-in reader's alone.</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AReaderDeletesOnlyTheirOwnRecordingsWhateverTheFieldIsCalled(string who, Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var inA = await Voices.VoiceSite.AddRecordingAsync(factory, world.A1.Id, CdsLearn.Voices.VoiceStatus.Approved);
        var inB = await Voices.VoiceSite.AddRecordingAsync(factory, world.B1.Id);
        string otherReader;
        using (var scope = factory.Services.CreateScope())
        {
            var before = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            otherReader = await before.VoiceRecordings.Where(r => r.Id == inA).Select(r => r.RecorderId).SingleAsync(Ct);
            before.VoiceConsents.Add(new CdsLearn.Voices.VoiceConsent { UserId = otherReader, SpeakerName = "Người khác", ConsentText = "…", GivenAt = DateTime.UtcNow });
            await before.SaveChangesAsync(Ct);
        }
        using var site = await SignInAsync(world, who);
        var token = await TokenAsync(site);
        var own = await OwnRecordingAsync(site, who);
        var failures = new List<string>();
        var page = $"/giong-doc/ghi/{Voices.VoiceSite.LessonId}";

        await PostAsync(site, token, page + "?handler=Delete", binding, ("RecordingId", Id(inA)), failures);
        await PostAsync(site, token, page + "?handler=Delete", binding, ("RecordingId", Id(inB)), failures);
        if (own is not null)
        {
            await PostAsync(site, token, page + "?handler=Delete", binding, ("RecordingId", Id(own.Value)), failures);
        }
        await PostAsync(site, token, page + "?handler=Withdraw", binding, ("Confirm", "true"), failures);

        using var check = factory.Services.CreateScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Check(failures, "another reader's recording in A1 deleted", false, !await db.VoiceRecordings.AnyAsync(r => r.Id == inA, Ct));
        Check(failures, "another reader's recording in B1 deleted", false, !await db.VoiceRecordings.AnyAsync(r => r.Id == inB, Ct));
        Check(failures, "another reader's consent withdrawn", false, !await db.VoiceConsents.AnyAsync(c => c.UserId == otherReader && c.WithdrawnAt == null, Ct));
        if (own is not null)
        {
            // Their own goes, by the delete or the withdrawal after it, wherever binding reads the field.
            Check(failures, "own recording deleted", binding != Binding.QueryBracketed, !await db.VoiceRecordings.AnyAsync(r => r.Id == own.Value, Ct));
        }
        Assert.True(failures.Count == 0, $"{who}, {binding}:\n" + string.Join('\n', failures));
    }

    /// <summary>A team member's own recording with consent in force; null for everyone who is not in a team.</summary>
    private async Task<int?> OwnRecordingAsync(SiteClient site, string who)
    {
        if (who is not (HouseholdWorld.TeamMemberOfA1 or HouseholdWorld.TeamMemberOfB1 or CommuneTeamOfA))
        {
            return null;
        }
        var page = await site.GetAsync($"/giong-doc/ghi/{Voices.VoiceSite.LessonId}");
        await site.SubmitAsync(page, "form.voice-consent", SiteClient.Fields(("Input.Agree", "true"), ("Input.SpeakerName", "Tổ viên"), ("Input.ShowName", "false")));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // The consent just given (this class's tests run one at a time on their own site).
        var userId = await db.VoiceConsents.Where(c => c.SpeakerName == "Tổ viên" && c.WithdrawnAt == null).OrderByDescending(c => c.Id).Select(c => c.UserId).FirstAsync(Ct);
        var team = await db.TeamMembers.Where(m => m.UserId == userId).Join(db.Teams, m => m.TeamId, t => t.Id, (m, t) => t).FirstAsync(Ct);
        var section = Voices.VoiceSite.Section(factory);
        var recording = new CdsLearn.Voices.VoiceRecording
        {
            ItemId = Voices.VoiceSite.LessonId, SectionKey = section.Key, SectionHash = section.Hash, Language = "vi", RecorderId = userId,
            TeamId = team.Id, CommuneId = team.CommuneId, FileHash = new string('0', 64), Bytes = 1, DurationMs = 1, RecordedAt = DateTime.UtcNow,
        };
        db.VoiceRecordings.Add(recording);
        await db.SaveChangesAsync(Ct);
        return recording.Id;
    }

    /// <summary>A household page's handlers act on the household of the address; a form or query field called
    /// householdId cannot point them at another.</summary>
    [Fact]
    public async Task AHouseholdIdInTheFormDoesNotRedirectAHandler()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var site = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var token = await TokenAsync(site);
        using var response = await site.Http.PostAsync($"/ho-gia-dinh/{world.InA1.Id}?handler=Assign&householdId={world.InB1.Id}&HouseholdId={world.InB1.Id}",
            Form(token, [("Assign.Target", "an-toan-mang-mat-khau-otp"), ("householdId", Id(world.InB1.Id)), ("HouseholdId", Id(world.InB1.Id))]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.Assignments.AnyAsync(a => a.HouseholdId == world.InA1.Id, Ct));
        Assert.False(await db.Assignments.AnyAsync(a => a.HouseholdId == world.InB1.Id, Ct));
    }

    private static void Check(List<string> failures, string what, bool allowed, bool happened)
    {
        if (happened != allowed)
        {
            failures.Add(allowed ? $"expected: {what}" : $"must not happen: {what}");
        }
    }

    private static async Task PostAsync(SiteClient site, string token, string url, Binding binding, (string Name, string Value) id, List<string> failures, params (string, string)[] fields)
    {
        var name = binding is Binding.FormDotted or Binding.QueryDotted ? $"Input.{id.Name}" : $"Input[{id.Name}]";
        var inQuery = binding is Binding.QueryDotted or Binding.QueryBracketed;
        var target = inQuery ? $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}{Uri.EscapeDataString(name)}={id.Value}" : url;
        using var response = await site.Http.PostAsync(target, Form(token, inQuery ? fields : [.. fields, (name, id.Value)]), Ct);
        if ((int)response.StatusCode >= 500)
        {
            failures.Add($"POST {target}: {(int)response.StatusCode}");
        }
    }

    private static FormUrlEncodedContent Form(string token, IEnumerable<(string, string)> fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token)));

    private static async Task<string> TokenAsync(SiteClient site) =>
        (await site.GetAsync("/tai-khoan/doi-mat-khau")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<SiteClient> SignInAsync(HouseholdWorld world, string who)
    {
        if (who != CommuneTeamOfA)
        {
            return await world.SignInAsync(factory, who);
        }
        var userName = "team-commune-" + Guid.NewGuid().ToString("N")[..8];
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = new AppUser { UserName = userName, FullName = "Tổ viên cả xã" };
            Assert.True((await users.CreateAsync(user, HouseholdWorld.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.TeamMember)).Succeeded);
            db.Teams.Add(new Team { Name = "Tổ cả xã A", CommuneId = world.A1.CommuneId, Members = [new TeamMember { UserId = user.Id }] });
            await db.SaveChangesAsync(Ct);
        }
        var site = new SiteClient(factory);
        var login = await site.GetAsync("/tai-khoan/dang-nhap");
        await site.SubmitAsync(login, "main form", SiteClient.Fields(("Input.UserName", userName), ("Input.Password", HouseholdWorld.Password)));
        return site;
    }
}
