using System.Globalization;
using System.Net;
using CdsLearn.Contests;
using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Security;

/// <summary>
/// Every endpoint of the site with who may use it, checked for every role by opening it. An endpoint added without
/// an entry here fails the build's tests: someone has to decide who may use it.
/// </summary>
public class AuthorizationMatrixTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    /// <summary>Who may open an endpoint.</summary>
    public enum Access
    {
        Anyone,
        SignedIn,

        /// <summary>Signed in with no role but Learner: a staff account joins no household, so a join code answers it
        /// like a wrong code.</summary>
        Learners,
        Outreach,
        /// <summary>Commune officers and province staff (team workers are refused: imports, exports, teams).</summary>
        TeamManagers,
        ProvinceWide,

        /// <summary>Whole communes only: commune officers and province staff (a team worker sees only some villages).</summary>
        WholeCommunes,

        /// <summary>Team members only: they record the voices (VoiceUploadTests).</summary>
        TeamMembers,

        /// <summary>Not opened by GET (a form target, a hub, an error page); decided and tested elsewhere.</summary>
        NotAPage,
    }

    /// <summary>The decision for every route pattern, and a sample path to open ({…} filled in from the test's world).</summary>
    private static readonly Dictionary<string, (Access Access, string? Sample)> Decisions = new()
    {
        [""] = (Access.Anyone, "/"),
        ["Index"] = (Access.NotAPage, null),
        ["Error"] = (Access.NotAPage, null),
        ["/healthz"] = (Access.Anyone, "/healthz"),
        ["/noi-dung/{**path}"] = (Access.NotAPage, null),
        ["ky-nang/{id}"] = (Access.Anyone, "/ky-nang/an-toan-mang"),
        ["bai-hoc/{id}"] = (Access.Anyone, "/bai-hoc/an-toan-mang-gia-danh-co-quan"),
        ["giai-thich-tu"] = (Access.Anyone, "/giai-thich-tu"),
        ["ap-phich/{id}"] = (Access.Anyone, "/ap-phich/an-toan-mang"),
        ["verify/{code?}"] = (Access.Anyone, "/verify"),
        ["tai-khoan/dang-ky"] = (Access.Anyone, "/tai-khoan/dang-ky"),
        ["tai-khoan/dang-nhap"] = (Access.Anyone, "/tai-khoan/dang-nhap"),
        ["tai-khoan/khong-co-quyen"] = (Access.Anyone, "/tai-khoan/khong-co-quyen"),
        ["tai-khoan/dang-xuat"] = (Access.NotAPage, null),
        ["tai-khoan/doi-mat-khau"] = (Access.SignedIn, "/tai-khoan/doi-mat-khau"),
        ["tham-gia/{joinCode}"] = (Access.Learners, "/tham-gia/{joinCode}"),
        ["kiem-tra/{moduleId}"] = (Access.SignedIn, "/kiem-tra/an-toan-mang-mat-khau-otp"),
        ["kiem-tra/ket-qua/{id:guid}"] = (Access.NotAPage, null),
        ["lam-thu/{taskId}"] = (Access.Anyone, "/lam-thu/lam-thu-vneid-vi-giay-to"),
        ["lam-thu/{taskId}/cham-diem"] = (Access.SignedIn, "/lam-thu/lam-thu-vneid-vi-giay-to/cham-diem"),
        ["lam-thu/ket-qua/{id:guid}"] = (Access.NotAPage, null),
        ["hoc-cung/ket-thuc"] = (Access.NotAPage, null),
        ["chung-chi"] = (Access.SignedIn, "/chung-chi"),
        ["chung-chi/{code}"] = (Access.NotAPage, null),
        ["chung-chi/{code}/thu-hoi"] = (Access.ProvinceWide, "/chung-chi/{certificate}/thu-hoi"),
        ["thi/{code?}"] = (Access.Anyone, "/thi"),
        // The big screen's own link: its secret key is the permission (ContestTests.TheBigScreenHasItsOwnLink…).
        ["man-hinh/{key}"] = (Access.NotAPage, null),
        ["cach-tinh-do-phu"] = (Access.Anyone, "/cach-tinh-do-phu"),
        // A POST that sets the display cookies and goes back (DisplayOptionsTests): no page of its own.
        ["/hien-thi"] = (Access.NotAPage, null),
        ["/hubs/cuoc-thi"] = (Access.NotAPage, null),
        ["/hubs/cuoc-thi/negotiate"] = (Access.NotAPage, null),
        ["/hubs/so-lieu"] = (Access.NotAPage, null),
        ["/hubs/so-lieu/negotiate"] = (Access.NotAPage, null),
        ["ho-gia-dinh"] = (Access.Outreach, "/ho-gia-dinh"),
        ["ho-gia-dinh/them"] = (Access.Outreach, "/ho-gia-dinh/them"),
        ["ho-gia-dinh/nhap"] = (Access.TeamManagers, "/ho-gia-dinh/nhap"),
        ["ho-gia-dinh/xuat"] = (Access.TeamManagers, "/ho-gia-dinh/xuat"),
        ["ho-gia-dinh/{householdId:int}"] = (Access.Outreach, "/ho-gia-dinh/{household}"),
        ["ho-gia-dinh/{householdId:int}/sua"] = (Access.Outreach, "/ho-gia-dinh/{household}/sua"),
        ["ho-gia-dinh/{householdId:int}/ma-tham-gia"] = (Access.Outreach, "/ho-gia-dinh/{household}/ma-tham-gia"),
        ["ho-gia-dinh/{householdId:int}/nguoi/{memberId}"] = (Access.Outreach, "/ho-gia-dinh/{household}/nguoi/{member}"),
        ["so-lieu"] = (Access.Outreach, "/so-lieu"),
        ["so-lieu/xa"] = (Access.Outreach, "/so-lieu/xa"),
        ["so-lieu/xa/{communeId:int}"] = (Access.Outreach, "/so-lieu/xa/{commune}"),
        ["so-lieu/xa/{communeId:int}/bao-cao"] = (Access.WholeCommunes, "/so-lieu/xa/{commune}/bao-cao"),
        ["so-lieu/chi-tieu"] = (Access.Outreach, "/so-lieu/chi-tieu"),
        ["so-lieu/bieu-duong"] = (Access.Outreach, "/so-lieu/bieu-duong"),
        ["cuoc-thi"] = (Access.Outreach, "/cuoc-thi"),
        ["cuoc-thi/tao"] = (Access.Outreach, "/cuoc-thi/tao"),
        ["cuoc-thi/{id:int}/dieu-khien"] = (Access.Outreach, "/cuoc-thi/{contest}/dieu-khien"),
        ["cuoc-thi/{id:int}/man-hinh"] = (Access.Outreach, "/cuoc-thi/{contest}/man-hinh"),
        ["to-cong-nghe"] = (Access.TeamManagers, "/to-cong-nghe"),
        ["to-cong-nghe/them"] = (Access.TeamManagers, "/to-cong-nghe/them"),
        ["to-cong-nghe/{teamId:int}"] = (Access.TeamManagers, "/to-cong-nghe/{team}"),
        // "Kênh của xã": anyone picks a commune; its settings are the commune officers' (own communes) and the province's.
        ["kenh-cua-xa"] = (Access.Anyone, "/kenh-cua-xa"),
        ["kenh-cua-xa/cai-dat"] = (Access.TeamManagers, "/kenh-cua-xa/cai-dat"),
        ["kenh-cua-xa/cai-dat/{communeId:int}"] = (Access.TeamManagers, "/kenh-cua-xa/cai-dat/{commune}"),
        // Voices: team members record; officers (their communes) and the province review and see the progress;
        // anyone hears what is published (VoiceUploadTests, VoiceReviewTests).
        ["giong-doc/ghi/{id}"] = (Access.TeamMembers, "/giong-doc/ghi/an-toan-mang-gia-danh-co-quan"),
        ["giong-doc/duyet"] = (Access.TeamManagers, "/giong-doc/duyet"),
        ["giong-doc"] = (Access.TeamManagers, "/giong-doc"),
        ["/giong-doc/bai/{id}"] = (Access.Anyone, "/giong-doc/bai/an-toan-mang-gia-danh-co-quan?ngon-ngu=thai"),
        ["/giong-doc/tep/{name}"] = (Access.NotAPage, null),
        ["/giong-doc/nghe/{id:int}"] = (Access.NotAPage, null),
        ["/giong-doc/tai-len/"] = (Access.NotAPage, null),
        ["/giong-doc/tai-len/{id}"] = (Access.NotAPage, null),
    };

    [Fact]
    public void EveryEndpointHasADecision()
    {
        _ = factory.CreateClient();
        var patterns = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "").Distinct().ToList();
        var undecided = patterns.Where(p => !Decisions.ContainsKey(p)).ToList();
        Assert.True(undecided.Count == 0, "Endpoints without a decision in AuthorizationMatrixTests: " + string.Join(", ", undecided));
        Assert.Empty(Decisions.Keys.Except(patterns));
    }

    public static TheoryData<string> Roles => new(["anonymous", .. HouseholdWorld.Everyone.Where(w => w != HouseholdWorld.TeamMemberOfB1)]);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task EachRoleOpensExactlyTheEndpointsItIsAllowed(string who)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var samples = await SamplesAsync(world);
        using var site = who == "anonymous" ? new SiteClient(factory) : await world.SignInAsync(factory, who);
        var failures = new List<string>();
        foreach (var (pattern, (access, sample)) in Decisions.Where(d => d.Value.Sample is not null))
        {
            var url = samples.Aggregate(sample!, (u, s) => u.Replace("{" + s.Key + "}", s.Value, StringComparison.Ordinal));
            using var response = await site.Http.GetAsync(url, TestContext.Current.CancellationToken);
            var opened = response.StatusCode == HttpStatusCode.OK;
            var refused = response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString is { } to
                    && (to.Contains("/tai-khoan/dang-nhap", StringComparison.Ordinal) || to.Contains("/tai-khoan/khong-co-quyen", StringComparison.Ordinal)));
            var allowed = Allowed(access, who);
            if (allowed ? !opened : !refused)
            {
                failures.Add($"{url}: {(int)response.StatusCode} {response.Headers.Location}, expected {(allowed ? "open" : "refused")}");
            }
        }
        Assert.True(failures.Count == 0, $"{who}:\n" + string.Join('\n', failures));
    }

    private static bool Allowed(Access access, string who) => access switch
    {
        Access.Anyone => true,
        Access.SignedIn => who != "anonymous",
        Access.Learners => who == HouseholdWorld.Learner,
        Access.Outreach => who is HouseholdWorld.TeamMemberOfA1 or HouseholdWorld.OfficerOfA or HouseholdWorld.Province or HouseholdWorld.Admin,
        Access.TeamManagers or Access.WholeCommunes => who is HouseholdWorld.OfficerOfA or HouseholdWorld.Province or HouseholdWorld.Admin,
        Access.ProvinceWide => who is HouseholdWorld.Province or HouseholdWorld.Admin,
        Access.TeamMembers => who is HouseholdWorld.TeamMemberOfA1,
        _ => false,
    };

    /// <summary>Ids from village A1, which every outreach role of the world may see.</summary>
    private async Task<Dictionary<string, string>> SamplesAsync(HouseholdWorld world)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var ct = TestContext.Current.CancellationToken;
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        var team = await db.Teams.Where(t => t.VillageId == world.A1.Id).Select(t => t.Id).SingleAsync(ct);
        var teamWorker = await db.TeamMembers.Where(m => m.TeamId == team).Select(m => m.UserId).FirstAsync(ct);
        var contest = await scope.ServiceProvider.GetRequiredService<ContestService>().CreateAsync(Scope.Province,
            new ContestDraft("Thi thử", world.A1.CommuneId, world.A1.Id, ContestMode.Points, 20, 3, [], []), teamWorker, ct);
        var certificate = new CdsLearn.Certificates.Certificate
        {
            Code = CdsLearn.Certificates.CertificateCode.New(), UserId = teamWorker, HolderName = "Người thử",
            SkillId = "an-toan-mang", IssuedAt = DateTime.UtcNow, Province = "Sơn La",
        };
        db.Certificates.Add(certificate);
        await db.SaveChangesAsync(ct);
        return new()
        {
            ["household"] = Id(world.InA1.Id),
            ["member"] = Id(world.InA1.Members[0].Id),
            ["commune"] = Id(world.A1.CommuneId),
            ["team"] = Id(team),
            ["contest"] = Id(contest.Id),
            ["joinCode"] = world.InA1.JoinCode,
            ["certificate"] = certificate.Code,
        };
    }
}
