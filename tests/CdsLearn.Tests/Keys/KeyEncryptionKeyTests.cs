using System.Security.Cryptography;
using System.Text;
using CdsLearn.Data;
using CdsLearn.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace CdsLearn.Tests.Keys;

public sealed class KeyEncryptionKeyTests : IDisposable
{
    private readonly DataFolder folder = new(Path.Combine(Path.GetTempPath(), "cdslearn-kek-tests", Guid.NewGuid().ToString("N")));

    public void Dispose()
    {
        if (Directory.Exists(folder.Path))
        {
            Directory.Delete(folder.Path, recursive: true);
        }
    }

    [Fact]
    public void WhatOneKeySealsOnlyThatKeyOpensAndOnlyForTheSamePurpose()
    {
        var key = KeyEncryptionKey.Generate("test");
        var box = key.Seal(Encoding.UTF8.GetBytes("secret"), "signing key");

        Assert.Equal("secret", Encoding.UTF8.GetString(key.Open(box, "signing key")));
        Assert.Equal("secret", Encoding.UTF8.GetString(KeyEncryptionKey.Parse(key.Export(), "copy").Open(box, "signing key")));
        Assert.ThrowsAny<CryptographicException>(() => KeyEncryptionKey.Generate("other").Open(box, "signing key"));
        Assert.ThrowsAny<CryptographicException>(() => key.Open(box, "data protection key"));
        box[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => key.Open(box, "signing key"));
    }

    [Fact]
    public void SealedTextCarriesNothingOfThePlaintextAndDiffersEveryTime()
    {
        var key = KeyEncryptionKey.Generate("test");
        var first = key.SealText("-----BEGIN EC PRIVATE KEY-----", "p");
        var second = key.SealText("-----BEGIN EC PRIVATE KEY-----", "p");

        Assert.StartsWith(KeyEncryptionKey.SealedTextPrefix, first);
        Assert.DoesNotContain("PRIVATE", first);
        Assert.NotEqual(first, second);
        Assert.Equal("-----BEGIN EC PRIVATE KEY-----", key.OpenText(second, "p"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("AAAA")] // 3 bytes
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // 36 bytes
    public void AKeyThatIsNotThirtyTwoBytesOfBase64IsRefused(string text)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.Parse(text, "Keys:EncryptionKey"));
        Assert.Contains("Keys:EncryptionKey", error.Message);
    }

    [Fact]
    public void WithoutConfigurationTheKeyIsMadeOnceInTheDataFolderForItsOwnerOnly()
    {
        var made = Load(new KeysOptions());
        var path = KeyEncryptionKeyLoader.DefaultPath(folder);

        Assert.Equal(path, made.Source);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
        }
        Assert.Equal(made.Export(), Load(new KeysOptions()).Export());
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void WithoutAKeyButWithEncryptedKeysInTheDatabaseNoNewKeyIsMade()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Load(new KeysOptions(), databaseHoldsEncryptedKeys: true));

        Assert.Contains("none is configured", error.Message);
        Assert.False(File.Exists(KeyEncryptionKeyLoader.DefaultPath(folder)));
    }

    [Fact]
    public void AConfiguredKeyWinsOverTheDataFolders()
    {
        var inDataFolder = Load(new KeysOptions());
        var configured = KeyEncryptionKey.Generate("elsewhere").Export();
        var file = Path.Combine(folder.Path, "shared-key");
        File.WriteAllText(file, configured + "\n");

        Assert.Equal(configured, Load(new KeysOptions { EncryptionKey = configured }).Export());
        var fromFile = Load(new KeysOptions { EncryptionKeyFile = file });
        Assert.Equal(configured, fromFile.Export());
        Assert.Equal(file, fromFile.Source);
        Assert.NotEqual(inDataFolder.Export(), configured);
    }

    [Fact]
    public void AConfiguredFileMustExistAndOnlyOneSourceMayBeConfigured()
    {
        var missing = Path.Combine(folder.Path, "nowhere");
        Assert.Contains("does not exist", Assert.Throws<InvalidOperationException>(() => Load(new KeysOptions { EncryptionKeyFile = missing })).Message);
        Assert.False(File.Exists(missing));
        Assert.False(File.Exists(KeyEncryptionKeyLoader.DefaultPath(folder)), "a configured key that is missing is not replaced by a new one");

        var key = KeyEncryptionKey.Generate("k").Export();
        Assert.Contains("both set", Assert.Throws<InvalidOperationException>(() => Load(new KeysOptions { EncryptionKey = key, EncryptionKeyFile = missing })).Message);
    }

    private KeyEncryptionKey Load(KeysOptions options, bool databaseHoldsEncryptedKeys = false) =>
        KeyEncryptionKeyLoader.Load(options, folder, () => databaseHoldsEncryptedKeys, NullLogger.Instance);
}
