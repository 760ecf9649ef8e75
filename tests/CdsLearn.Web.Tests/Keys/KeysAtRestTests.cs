using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CdsLearn.Certificates;
using CdsLearn.Data;
using CdsLearn.Keys;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Keys;

/// <summary>
/// A second site on a first one's database and data folder. Without a key of its own it is the first site started
/// again (it holds nothing of the first's memory); with <paramref name="keyEncryptionKey"/> it is the database in
/// someone else's hands.
/// </summary>
public sealed class SameDatabaseSite(CdsLearnFactory first, string? keyEncryptionKey = null)
    : CdsLearnFactory(first.DataFolder, ownsDataFolder: false)
{
    protected override string? JoinDatabase => first.DatabaseConnectionString;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (keyEncryptionKey is not null)
        {
            builder.UseSetting("Keys:EncryptionKey", keyEncryptionKey);
        }
    }
}

/// <summary>The keys a site stores in its database (finding 13 of issue 15): a copy of the database alone must sign no
/// certificate and forge no sign-in cookie.</summary>
public partial class KeysAtRestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CertificateClaims Claims = new("ABCD-EFGH", "an-toan-mang", new DateOnly(2026, 11, 23), "Lò V. M.");

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

        // What is there opens with the key-encryption key only, which was made in the data folder for its owner alone.
        var kek = site.Services.GetRequiredService<KeyEncryptionKey>();
        var keyFile = KeyEncryptionKeyLoader.DefaultPath(new DataFolder(site.DataFolder));
        Assert.Equal(kek.Export(), (await File.ReadAllTextAsync(keyFile, Ct)).Trim());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }
        Assert.All(keys, xml => Assert.DoesNotContain(MasterKeyOf(site, xml), xml));
        Assert.Contains("BEGIN EC PRIVATE KEY", kek.OpenText(signingKey, CertificatesServiceCollectionExtensions.SealPurpose));
        Assert.All(keys.Append(signingKey), value => Assert.DoesNotContain(kek.Export(), value));
    }

    [Fact]
    public async Task NewKeysSealWithAesGcm()
    {
        // AES-256-GCM opens a sign-in cookie in about a third of the time of the default AES-256-CBC with HMAC off
        // Windows, and every signed-in request opens one (tools/BENCHMARKS.md, issue 20).
        await using var site = new CdsLearnFactory();
        using (var visitor = new SiteClient(site))
        {
            await visitor.GetAsync("/tai-khoan/dang-nhap");
        }
        using var scope = site.Services.CreateScope();
        var keys = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync(Ct);

        Assert.NotEmpty(keys);
        Assert.All(keys, xml => Assert.Equal("AES_256_GCM",
            XElement.Parse(xml).Descendants("encryption").Single().Attribute("algorithm")?.Value));
    }

    [Fact]
    public async Task ARestartedSiteAcceptsItsOldSignInCookieAndVerifiesItsOldCertificates()
    {
        await using var first = new CdsLearnFactory();
        var cookie = await SignInCookieAsync(first);
        var signature = first.Services.GetRequiredService<CertificateSigner>().Sign(Claims);
        Assert.Equal(HttpStatusCode.OK, await ChangePasswordPageWithAsync(first, cookie));

        await using var restarted = new SameDatabaseSite(first);
        Assert.Equal(HttpStatusCode.OK, await ChangePasswordPageWithAsync(restarted, cookie));
        Assert.True(restarted.Services.GetRequiredService<CertificateSigner>().Verify(Claims, signature));
    }

    [Fact]
    public async Task TheSameDatabaseWithAnotherKeyEncryptionKeyRefusesToStartAndMakesNoNewKeys()
    {
        await using var first = new CdsLearnFactory();
        await SignInCookieAsync(first);
        var before = await StoredKeysAsync(first);

        await using var elsewhere = new SameDatabaseSite(first, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        var refused = Record.Exception(() => elsewhere.Server);

        Assert.NotNull(refused);
        Assert.Contains("cannot be decrypted with the key-encryption key from Keys:EncryptionKey", MessagesOf(refused));
        var after = await StoredKeysAsync(first);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(before.SigningKey, after.SigningKey);
    }

    [Fact]
    public async Task TheSameDatabaseWithoutItsKeyEncryptionKeyRefusesToStartAndMakesNoNewKey()
    {
        await using var first = new CdsLearnFactory();
        await SignInCookieAsync(first);
        var before = await StoredKeysAsync(first);
        var keyFile = KeyEncryptionKeyLoader.DefaultPath(new DataFolder(first.DataFolder));
        File.Delete(keyFile);

        await using var elsewhere = new SameDatabaseSite(first);
        var refused = Record.Exception(() => elsewhere.Server);

        Assert.NotNull(refused);
        Assert.Contains("The database holds keys encrypted with a key-encryption key, but none is configured", MessagesOf(refused));
        Assert.False(File.Exists(keyFile), "a new key would decrypt nothing");
        var after = await StoredKeysAsync(first);
        Assert.Equal(before.Keys, after.Keys);
        Assert.Equal(before.SigningKey, after.SigningKey);
    }

    [Fact]
    public async Task AnOlderInstallsKeysInTheClearKeepWorkingAndAreEncryptedAtTheNextStart()
    {
        await using var first = new CdsLearnFactory();
        var cookie = await SignInCookieAsync(first);
        using var olderKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var olderPem = olderKey.ExportECPrivateKeyPem();
        var signature = new CertificateSigner(olderKey).Sign(Claims);
        // The database as a release before the key-encryption key left it: keys in the clear, no key file.
        string masterKey;
        using (var scope = first.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var row = await db.DataProtectionKeys.SingleAsync(Ct);
            row.Xml = InTheClear(first, row.Xml!);
            masterKey = MasterKeyOf(first, row.Xml);
            Assert.Contains(masterKey, row.Xml);
            await db.StoredSecrets.Where(s => s.Name == CertificatesServiceCollectionExtensions.SecretName)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Value, olderPem), Ct);
            await db.SaveChangesAsync(Ct);
        }
        Directory.Delete(Path.Combine(first.DataFolder, "keys"), recursive: true);

        await using var upgraded = new SameDatabaseSite(first);
        Assert.Equal(HttpStatusCode.OK, await ChangePasswordPageWithAsync(upgraded, cookie));
        Assert.True(upgraded.Services.GetRequiredService<CertificateSigner>().Verify(Claims, signature));

        var (keys, signingKey) = await StoredKeysAsync(upgraded);
        Assert.All(keys, xml => Assert.DoesNotContain("masterKey", xml));
        Assert.StartsWith(KeyEncryptionKey.SealedTextPrefix, signingKey);
        var kek = upgraded.Services.GetRequiredService<KeyEncryptionKey>();
        Assert.Equal(olderPem, kek.OpenText(signingKey, CertificatesServiceCollectionExtensions.SealPurpose));
#if !POSTGRES_TESTS
        // A backup copies every page of the file, free ones too: the rows' old bytes must not be left in them.
        var backup = Path.Combine(upgraded.DataFolder, "backup.db");
        using (var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(upgraded.DataFolder, "cdslearn.db")}"))
        using (var copy = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            source.Open();
            source.BackupDatabase(copy);
        }
        var bytes = await File.ReadAllBytesAsync(backup, Ct);
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(masterKey)));
        Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(PemBody(olderPem))));
#endif
    }

    /// <summary>Registers a learner, signs in afresh and returns the sign-in cookie as a Cookie header.</summary>
    private static async Task<string> SignInCookieAsync(CdsLearnFactory site)
    {
        using var learner = await Learner.RegisterAsync(site);
        using var visitor = new SiteClient(site);
        var login = await visitor.GetAsync("/tai-khoan/dang-nhap");
        var response = await visitor.PostFormAsync(login, "main form",
            SiteClient.Fields(("Input.UserName", learner.UserName), ("Input.Password", Learner.Password)));
        var cookies = response.Headers.GetValues("Set-Cookie").Where(c => SignInCookie().IsMatch(c)).Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);
        return string.Join("; ", cookies);
    }

    /// <summary>A page only a signed-in user sees: 200 when the site accepts the cookie, a redirect to sign in if not.</summary>
    private static async Task<HttpStatusCode> ChangePasswordPageWithAsync(WebApplicationFactory<Program> site, string cookie)
    {
        using var client = site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/tai-khoan/doi-mat-khau");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request, Ct)).StatusCode;
    }

    private static async Task<(List<string> Keys, string SigningKey)> StoredKeysAsync(CdsLearnFactory site)
    {
        using var scope = site.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var keys = await db.DataProtectionKeys.OrderBy(k => k.Id).Select(k => k.Xml!).ToListAsync(Ct);
        var signingKey = await db.StoredSecrets.Where(s => s.Name == CertificatesServiceCollectionExtensions.SecretName)
            .Select(s => s.Value).SingleAsync(Ct);
        return (keys, signingKey);
    }

    /// <summary>A data protection key's XML with its secret decrypted back into place, as it was stored before.</summary>
    private static string InTheClear(CdsLearnFactory site, string xml)
    {
        var key = XElement.Parse(xml);
        var secret = key.Descendants(AesGcmXmlEncryptor.EncryptedSecret).Single();
        secret.ReplaceWith(new AesGcmXmlDecryptor(site.Services).Decrypt(secret.Elements().Single()));
        return key.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The key material of a data protection key (its masterKey's value), decrypted if it is encrypted.</summary>
    private static string MasterKeyOf(CdsLearnFactory site, string xml)
    {
        var masterKey = XElement.Parse(InTheClearIfEncrypted(site, xml)).Descendants("masterKey").Single();
        var value = masterKey.Element("value")!.Value;
        Assert.True(value.Length >= 40, "a 512-bit key in base64");
        return value;
    }

    private static string InTheClearIfEncrypted(CdsLearnFactory site, string xml) =>
        xml.Contains("encryptedSecret", StringComparison.Ordinal) ? InTheClear(site, xml) : xml;

    /// <summary>The first line of a PEM's base64 body: present wherever the PEM is, whole lines or not.</summary>
    private static string PemBody(string pem) => pem.Split('\n')[1];

    private static string MessagesOf(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return string.Join(" | ", messages);
    }

    [GeneratedRegex("^cdslearn(C[0-9]+)?=")]
    private static partial Regex SignInCookie();
}
