using CdsLearn.Data;
using CdsLearn.Web.Tests.Households;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Security;

/// <summary>A form never stores NUL, other control characters or invisible format characters (imports refuse them
/// too, see ImportTests): they would come out in exports and on other people's screens.</summary>
public class PlainTextInputTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Theory]
    [InlineData("Lò Thị\0 Hoa")]
    [InlineData("Lò Thị \u001b[31mHoa")]
    [InlineData("\u202EaoH ịhT òL")]
    public async Task ANameWithAnUnprintableCharacterIsAFieldErrorAndNothingIsStored(string name)
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var team = await world.SignInAsync(factory, HouseholdWorld.TeamMemberOfA1);
        var form = await team.GetAsync($"/ho-gia-dinh/{world.InA1.Id}/nguoi/them");

        var shown = await team.SubmitAsync(form, "main form", SiteClient.Fields(("Input.FullName", name)));

        // A NUL does not even reach the form: the form reader refuses the request (400, in Vietnamese).
        if (name.Contains('\0', StringComparison.Ordinal))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, team.LastResponse!.StatusCode);
            Assert.Equal("Yêu cầu không hợp lệ", shown.QuerySelector("h1")!.TextContent);
        }
        else
        {
            Assert.Contains("ký tự không in được", shown.QuerySelector(".field-error")!.TextContent, StringComparison.Ordinal);
        }
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.HouseholdMembers.CountAsync(m => m.HouseholdId == world.InA1.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ANoteKeepsItsLineBreaks()
    {
        var world = await HouseholdWorld.CreateAsync(factory);
        using var officer = await world.SignInAsync(factory, HouseholdWorld.OfficerOfA);
        var report = await officer.GetAsync($"/so-lieu/xa/{world.A1.CommuneId}/bao-cao");

        await officer.SubmitAsync(report, "form[action*='bao-cao']", SiteClient.Fields(("Difficulties", "Thiếu điện thoại.\r\nSóng yếu ở bản Nà Si.")));

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.True(await db.CommuneReportNotes.AnyAsync(n => n.CommuneId == world.A1.CommuneId && n.Difficulties.Contains("\n"), TestContext.Current.CancellationToken));
    }
}
