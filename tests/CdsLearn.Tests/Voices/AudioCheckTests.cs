using CdsLearn.Voices;

namespace CdsLearn.Tests.Voices;

public class AudioCheckTests
{
    [Fact]
    public void AWebmRecordingAsChromiumWritesItIsAcceptedWithTheLengthOfItsBlocks()
    {
        var result = AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromSeconds(12)));

        Assert.Null(result.Refusal);
        Assert.Equal(AudioContainer.Webm, result.Container);
        Assert.Equal(12_000, result.DurationMs);
    }

    [Fact]
    public void AnOggRecordingIsAcceptedWithTheLengthOfItsLastGranuleLessThePreSkip()
    {
        var result = AudioCheck.Inspect(OpusFiles.Ogg(TimeSpan.FromSeconds(7)));

        Assert.Null(result.Refusal);
        Assert.Equal(AudioContainer.Ogg, result.Container);
        Assert.Equal(7_000, result.DurationMs);
    }

    [Fact]
    public void AnEmptyFileIsRefused() =>
        Assert.Equal(AudioCheck.Empty, AudioCheck.Inspect([]).Refusal);

    [Fact]
    public void AnMp3NamedWebmIsRefusedByItsContent() =>
        Assert.Equal(AudioCheck.NotOpus, AudioCheck.Inspect(OpusFiles.Mp3(40_000)).Refusal);

    [Fact]
    public void TenMegabytesAreRefusedBeforeBeingRead() =>
        Assert.Equal(AudioCheck.TooBig, AudioCheck.Inspect(new byte[10 * 1024 * 1024]).Refusal);

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.73)]
    public void AWebmCutInTheMiddleOfABlockIsRefused(double kept)
    {
        var file = OpusFiles.Webm(TimeSpan.FromSeconds(5));
        // Step back to a point inside a block: 5 s of 80-byte packets puts a block every ~95 bytes.
        var cut = (int)(file.Length * kept);
        while (file[cut - 1] != 0xA3 || file[cut] != 0x01)
        {
            cut--;
        }
        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(file.AsSpan(0, cut + 20)).Refusal);
    }

    [Fact]
    public void AnOggCutShortIsRefusedForItsIncompletePageOrMissingEnd()
    {
        var file = OpusFiles.Ogg(TimeSpan.FromSeconds(5));

        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(file.AsSpan(0, file.Length / 2)).Refusal);
        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(OpusFiles.Ogg(TimeSpan.FromSeconds(5), endOfStream: false)).Refusal);
    }

    [Fact]
    public void AnOggPageWithAChangedByteFailsItsChecksum()
    {
        var file = OpusFiles.Ogg(TimeSpan.FromSeconds(3));
        file[^10] ^= 0x55;

        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(file).Refusal);
    }

    [Fact]
    public void AnOggWhoseGranuleClaimsMoreThanItsPacketsHoldIsRefused() =>
        Assert.Equal(AudioCheck.SizeMismatch,
            AudioCheck.Inspect(OpusFiles.Ogg(TimeSpan.FromSeconds(4), statedSamples: 48000 * 60)).Refusal);

    [Fact]
    public void ARecordingPaddedFarBeyondItsLengthIsRefused() =>
        Assert.Equal(AudioCheck.SizeMismatch,
            AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromSeconds(1), padding: new byte[1_000_000])).Refusal);

    [Fact]
    public void MoreThanThreeMinutesIsRefused() =>
        Assert.Equal(AudioCheck.TooLong, AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromMinutes(3.5), bytesPerPacket: 40)).Refusal);

    [Fact]
    public void AWebmWithVideoOrAnotherCodecOrAnotherDocTypeIsRefused()
    {
        Assert.Equal(AudioCheck.NotOpus, AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromSeconds(3), withVideo: true)).Refusal);
        Assert.Equal(AudioCheck.NotOpus, AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromSeconds(3), codec: "A_VORBIS")).Refusal);
        Assert.Equal(AudioCheck.NotOpus, AudioCheck.Inspect(OpusFiles.Webm(TimeSpan.FromSeconds(3), docType: "matroska")).Refusal);
    }

    [Fact]
    public void PacketsThatAreNotOpusAreRefused()
    {
        var packets = OpusFiles.Packets(TimeSpan.FromSeconds(2));
        // Code 3 with a frame count of zero is not a valid Opus packet.
        packets[10] = [0xFB, 0x00, 1, 2, 3];

        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(OpusFiles.Webm(packets)).Refusal);
        Assert.Equal(AudioCheck.Broken, AudioCheck.Inspect(OpusFiles.Ogg(packets)).Refusal);
    }

    [Theory]
    [InlineData(0x08, 960)]  // SILK 20 ms
    [InlineData(0x18, 2880)] // SILK 60 ms
    [InlineData(0x78, 960)]  // hybrid 20 ms
    [InlineData(0x80, 120)]  // CELT 2.5 ms
    [InlineData(0xF9, 1920)] // CELT 20 ms, two frames
    public void AnOpusPacketsLengthComesFromItsTableOfContents(byte toc, int samples) =>
        Assert.Equal(samples, OpusPacket.Samples([toc, 0, 0]));
}
