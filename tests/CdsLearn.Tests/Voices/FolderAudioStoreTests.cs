using CdsLearn.Voices;

namespace CdsLearn.Tests.Voices;

public class FolderAudioStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABackupCopiesOnlyTheNewRecordingsAndNeverAnUploadUnderWay()
    {
        var root = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var live = new FolderAudioStore(Path.Combine(root, "data", "audio"));
            var backup = new FolderAudioStore(Path.Combine(root, "backups", "audio"));
            byte[] first = [1, 2, 3], second = [4, 5, 6];
            await live.PutAsync(AudioFiles.NameOf(AudioFiles.HashOf(first), AudioContainer.Webm), first, Ct);
            await live.WritePartAsync("abc123", 0, new byte[] { 9, 9 }, Ct);

            Assert.Equal(1, live.CopyNewTo(backup));
            await live.PutAsync(AudioFiles.NameOf(AudioFiles.HashOf(second), AudioContainer.Ogg), second, Ct);
            Assert.Equal(1, live.CopyNewTo(backup));
            Assert.Equal(0, live.CopyNewTo(backup));

            Assert.Equal(live.Names(), backup.Names());
            Assert.Equal(2, backup.Names().Count());
            await using var copy = backup.Open(AudioFiles.NameOf(AudioFiles.HashOf(second), AudioContainer.Ogg))!;
            Assert.Equal(3, copy.Length);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("abc.webm")]
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000.mp3")]
    public void AFileNameThatIsNotAHashAndContainerOpensNothing(string name) =>
        Assert.Null(AudioFiles.Parse(name));
}
