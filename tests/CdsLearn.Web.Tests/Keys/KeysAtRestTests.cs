using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Keys;

/// <summary>The keys a site stores in its database (finding 13 of issue 15): a copy of the database alone must sign no
/// certificate and forge no sign-in cookie.</summary>
public class KeysAtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFreshSiteStoresNoPrivateKeyMaterialInTheClear()
    {
        await using var site = new CdsLearnFactory();
        using (var visitor = new SiteClient(site))
        {
            await visitor.GetAsync("/tai-khoan/dang-nhap"); // protects an antiforgery cookie: makes a data protection key
        }
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct);
        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.DoesNotContain("masterKey", xml));
        var signingKey = await db.StoredSecrets.Where(s => s.Name == CertificatesServiceCollectionExtensions.SecretName)
            .Select(s => s.Value).SingleAsync(Ct);
        Assert.DoesNotContain("PRIVATE KEY", signingKey);
    }
}
