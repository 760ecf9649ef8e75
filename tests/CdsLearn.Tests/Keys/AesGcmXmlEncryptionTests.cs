using System.Security.Cryptography;
using System.Xml.Linq;
using CdsLearn.Keys;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Keys;

/// <summary>Data protection (sign-in cookies, quiz draws) with its key ring stored through the AES-GCM encryptor.</summary>
public class AesGcmXmlEncryptionTests
{
    private const string Cookie = "a sign-in ticket";

    [Fact]
    public void TheStoredKeyRingHoldsNoKeyMaterialInTheClear()
    {
        var store = new Store();
        Provider(store, KeyEncryptionKey.Generate("a")).CreateProtector("cookie").Protect(Cookie);

        var xml = Assert.Single(store.Elements).ToString();
        Assert.DoesNotContain("masterKey", xml);
        Assert.Contains("encryptedSecret", xml);
        Assert.Contains(typeof(AesGcmXmlDecryptor).FullName!, xml);
    }

    [Fact]
    public void ASiteWithTheSameKeyReadsOldCookiesAndOneWithAnotherKeyCannot()
    {
        var store = new Store();
        var key = KeyEncryptionKey.Generate("a");
        var protectedCookie = Provider(store, key).CreateProtector("cookie").Protect(Cookie);

        Assert.Equal(Cookie, Provider(store, KeyEncryptionKey.Parse(key.Export(), "same")).CreateProtector("cookie").Unprotect(protectedCookie));
        Assert.ThrowsAny<CryptographicException>(() => Provider(store, KeyEncryptionKey.Generate("b")).CreateProtector("cookie").Unprotect(protectedCookie));
    }

    [Fact]
    public void AKeyStoredInTheClearByAnOlderReleaseIsReadAndCanBeEncryptedInPlace()
    {
        var store = new Store();
        var protectedCookie = Provider(store, key: null).CreateProtector("cookie").Protect(Cookie);
        var clear = Assert.Single(store.Elements);
        Assert.Contains("masterKey", clear.ToString());
        var key = KeyEncryptionKey.Generate("a");
        Assert.Equal(Cookie, Provider(store, key).CreateProtector("cookie").Unprotect(protectedCookie));

        var encryptor = new AesGcmXmlEncryptor(key);
        Assert.True(encryptor.EncryptInPlace(clear));
        Assert.False(encryptor.EncryptInPlace(clear), "once encrypted, nothing is left to encrypt");
        Assert.DoesNotContain("masterKey", clear.ToString());
        Assert.Equal(Cookie, Provider(store, key).CreateProtector("cookie").Unprotect(protectedCookie));
    }

    /// <summary>A fresh data protection system on the stored key ring: a site started again.</summary>
    private static IDataProtectionProvider Provider(Store store, KeyEncryptionKey? key)
    {
        var services = new ServiceCollection();
        if (key is not null)
        {
            services.AddSingleton(key);
        }
        services.AddDataProtection().SetApplicationName("CdsLearn").AddKeyManagementOptions(options =>
        {
            options.XmlRepository = store;
            options.XmlEncryptor = key is null ? null : new AesGcmXmlEncryptor(key);
        });
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private sealed class Store : IXmlRepository
    {
        public List<XElement> Elements { get; } = [];

        public IReadOnlyCollection<XElement> GetAllElements() => Elements.Select(e => new XElement(e)).ToList();

        public void StoreElement(XElement element, string friendlyName) => Elements.Add(new XElement(element));
    }
}
