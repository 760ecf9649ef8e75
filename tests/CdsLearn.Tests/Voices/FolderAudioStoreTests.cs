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

    [Fact]
    public async Task ADeletedRecordingLeavesTheBackupCopyAndIsGoneOnceNoKeptBackupCanNameIt()
    {
        var root = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var live = new FolderAudioStore(Path.Combine(root, "data", "audio"));
            var backup = new FolderAudioStore(Path.Combine(root, "backups", "audio"));
            byte[] kept = [1, 2, 3], withdrawn = [4, 5, 6];
            var keptName = AudioFiles.NameOf(AudioFiles.HashOf(kept), AudioContainer.Webm);
            var withdrawnName = AudioFiles.NameOf(AudioFiles.HashOf(withdrawn), AudioContainer.Ogg);
            await live.PutAsync(keptName, kept, Ct);
            await live.PutAsync(withdrawnName, withdrawn, Ct);
            var night = new DateTimeOffset(2026, 12, 5, 20, 0, 0, TimeSpan.Zero);
            Assert.Equal(new AudioBackup(2, 0, 0), live.BackUpTo(backup, TimeSpan.FromDays(14), night));

            await live.DeleteAsync(withdrawnName, Ct);
            Assert.Equal(new AudioBackup(0, 1, 0), live.BackUpTo(backup, TimeSpan.FromDays(14), night.AddDays(1)));
            Assert.Equal([keptName], backup.Names());
            var setAside = Path.Combine(backup.Root, FolderAudioStore.RemovedFolderName, withdrawnName);
            Assert.True(File.Exists(setAside));

            // Kept while the database backups of those 14 days may still name it, then deleted.
            Assert.Equal(new AudioBackup(0, 0, 0), live.BackUpTo(backup, TimeSpan.FromDays(14), night.AddDays(14)));
            Assert.True(File.Exists(setAside));
            Assert.Equal(new AudioBackup(0, 0, 1), live.BackUpTo(backup, TimeSpan.FromDays(14), night.AddDays(16)));
            Assert.False(File.Exists(setAside));
            Assert.Equal([keptName], backup.Names());

            // An empty (or wrong) data folder sets nothing aside.
            Assert.Equal(new AudioBackup(0, 0, 0), new FolderAudioStore(Path.Combine(root, "elsewhere")).BackUpTo(backup, TimeSpan.FromDays(14), night.AddDays(17)));
            Assert.Equal([keptName], backup.Names());
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
