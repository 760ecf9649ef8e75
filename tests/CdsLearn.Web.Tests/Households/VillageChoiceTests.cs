using System.Globalization;
using System.Net;
using CdsLearn.Data;
using CdsLearn.Geography;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Households;

/// <summary>
/// A province of thousands of villages: province staff choose a commune first and then see all of its villages, never
/// a list cut at 500, while a commune officer still sees and may use only their own commune's villages, whatever field
/// the id comes in.
/// </summary>
public class VillageChoiceTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    /// <summary>More than any cut the pages once had (500), all in commune B, sorting after its first village.</summary>
    private const int ManyVillages = 600;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task AProvinceOfficerPicksTheCommuneThenAVillagePastTheFiveHundredth()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var last = await AddVillagesAsync(world.B1.CommuneId);
        using var site = await world.SignInAsync(factory, HouseholdWorld.Province);
        var communeB = Id(world.B1.CommuneId);

        var empty = await site.GetAsync("/ho-gia-dinh/them");
        var picker = empty.QuerySelector("form.commune-choice")!;
        Assert.Equal("get", picker.GetAttribute("method"));
        Assert.NotNull(picker.QuerySelector($"select[name=xa] option[value='{communeB}']"));
        Assert.Null(empty.QuerySelector($"#Input_VillageId option[value='{Id(last)}']"));

        var form = await site.GetAsync($"/ho-gia-dinh/them?xa={communeB}");
        Assert.Equal(ManyVillages + 1, form.QuerySelectorAll("#Input_VillageId option").Length - 1);
        Assert.NotNull(form.QuerySelector($"#Input_VillageId option[value='{Id(last)}']"));
        var code = "Z-" + Guid.NewGuid().ToString("N")[..6];
        using var created = await site.PostFormAsync(form, "form.household-form",
            SiteClient.Fields(("Input.VillageId", Id(last)), ("Input.Code", code), ("Input.HeadName", "Hộ ở bản cuối")));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using (var scope = factory.Services.CreateScope())
        {
            Assert.True(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Households.AnyAsync(h => h.VillageId == last && h.Code == code, Ct));
        }

        Assert.NotNull((await site.GetAsync($"/to-cong-nghe/them?xa={communeB}")).QuerySelector($"#Input_VillageId option[value='{Id(last)}']"));
        Assert.NotNull((await site.GetAsync($"/cuoc-thi/tao?xa={communeB}")).QuerySelector($"#Input_VillageId option[value='{Id(last)}']"));
        var list = await site.GetAsync($"/ho-gia-dinh?xa={communeB}");
        Assert.NotNull(list.QuerySelector($"#thon option[value='{Id(last)}']"));
        Assert.Contains(list.QuerySelectorAll(".household-list strong"), e => e.TextContent == "Hộ ở bản cuối");
    }

    public enum Binding
    {
        FormDotted,
        FormBracketed,
        QueryDotted,
    }

    [Theory]
    [InlineData(Binding.FormDotted)]
    [InlineData(Binding.FormBracketed)]
    [InlineData(Binding.QueryDotted)]
    public async Task ACommuneOfficerIsOfferedOnlyTheirCommunesVillagesAndCannotPostAnother(Binding binding)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        var last = await AddVillagesAsync(world.B1.CommuneId);
        using var site = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);

        // Asking for commune B's villages shows the officer's own commune, and no commune to choose.
        var form = await site.GetAsync($"/ho-gia-dinh/them?xa={Id(world.B1.CommuneId)}");
        Assert.Null(form.QuerySelector("form.commune-choice"));
        var offered = form.QuerySelectorAll("#Input_VillageId option").Select(o => o.GetAttribute("value")!).Where(v => v != "0").Order(StringComparer.Ordinal);
        Assert.Equal(new[] { Id(world.A1.Id), Id(world.A2.Id) }.Order(StringComparer.Ordinal), offered);
        var teamForm = await site.GetAsync($"/to-cong-nghe/them?xa={Id(world.B1.CommuneId)}");
        Assert.Null(teamForm.QuerySelector($"#Input_VillageId option[value='{Id(last)}']"));
        Assert.Equal(Id(world.A1.CommuneId), teamForm.QuerySelector("input[name='Input.CommuneId']")!.GetAttribute("value"));

        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var code = "Y-" + Guid.NewGuid().ToString("N")[..6];
        var team = "Tổ lạ " + Guid.NewGuid().ToString("N")[..6];
        var contest = "Thi lạ " + Guid.NewGuid().ToString("N")[..6];
        var statuses = new List<HttpStatusCode>
        {
            await PostAsync(site, token, "/ho-gia-dinh/them", binding, Id(last), ("Input.Code", code), ("Input.HeadName", "Hộ lạ")),
            await PostAsync(site, token, "/to-cong-nghe/them", binding, Id(last), ("Input.CommuneId", Id(world.A1.CommuneId)), ("Input.Name", team)),
            await PostAsync(site, token, "/cuoc-thi/tao", binding, Id(last), ("Input.CommuneId", Id(world.A1.CommuneId)), ("Input.Title", contest),
                ("Input.Mode", "Points"), ("Input.Seconds", "20"), ("Input.QuestionCount", "3")),
        };

        Assert.All(statuses, s => Assert.True((int)s < 500, s.ToString()));
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Households.AnyAsync(h => h.Code == code, Ct));
        Assert.False(await db.Teams.AnyAsync(t => t.Name == team, Ct));
        Assert.False(await db.Contests.AnyAsync(c => c.Title == contest, Ct));
    }

    /// <summary>Adds <see cref="ManyVillages"/> villages to the commune, named to sort after its others; returns the
    /// id of the last by name.</summary>
    private async Task<int> AddVillagesAsync(int communeId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var villages = Enumerable.Range(0, ManyVillages)
            .Select(i => new Village { CommuneId = communeId, Name = "Bản Xa " + i.ToString("D3", CultureInfo.InvariantCulture), Kind = "bản" })
            .ToList();
        db.Villages.AddRange(villages);
        await db.SaveChangesAsync(Ct);
        return villages[^1].Id;
    }

    private static async Task<HttpStatusCode> PostAsync(SiteClient site, string token, string url, Binding binding, string villageId, params (string Key, string Value)[] fields)
    {
        var name = binding == Binding.FormBracketed ? "Input[VillageId]" : "Input.VillageId";
        var target = binding == Binding.QueryDotted ? $"{url}?{Uri.EscapeDataString(name)}={villageId}" : url;
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", token));
        if (binding != Binding.QueryDotted)
        {
            values = values.Append(new(name, villageId));
        }
        using var response = await site.Http.PostAsync(target, new FormUrlEncodedContent(values), Ct);
        return response.StatusCode;
    }
}
