namespace CdsLearn.Voices;

/// <summary>What a check found: a stored recording's container and length, or the Vietnamese reason it was refused.</summary>
public sealed record AudioCheckResult(AudioContainer Container, int DurationMs, string? Refusal)
{
    public bool IsAccepted => Refusal is null;

    public static AudioCheckResult Refused(string reason) => new(AudioContainer.Webm, 0, reason);
}

/// <summary>
/// Checks a recording by its content, never by its name: an Opus stream in WebM (as Chromium's MediaRecorder writes
/// it) or in Ogg (Firefox, Safari), whose length read from the stream itself matches its size; at most
/// <see cref="MaxBytes"/> and <see cref="MaxDuration"/> a section.
/// </summary>
public static class AudioCheck
{
    public const int MaxBytes = 1_572_864;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(3);

    public static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(500);

    /// <summary>Opus runs from 6 to 510 kbit/s; with the container's share, a file outside this range is not the
    /// recording its headers say it is (a short stream padded to size, or a long one claimed from a few bytes).</summary>
    private const int MinBitsPerSecond = 1_000;
    private const int MaxBitsPerSecond = 600_000;

    internal const string Empty = "Tệp rỗng: chưa ghi được tiếng nào. Hãy ghi lại.";
    internal const string TooBig = "Tệp quá lớn: mỗi phần tối đa 1,5 MB (khoảng 3 phút). Hãy chia phần đọc ngắn hơn.";
    internal const string NotOpus = "Đây không phải bản ghi âm Opus (WebM hoặc Ogg) của trình duyệt. Hãy ghi lại trên trang này.";
    internal const string Broken = "Bản ghi bị hỏng hoặc bị cắt giữa chừng. Hãy ghi lại.";
    internal const string TooLong = "Bản ghi dài quá 3 phút. Hãy đọc ngắn gọn hơn.";
    internal const string TooShort = "Bản ghi ngắn quá (dưới nửa giây). Hãy ghi lại.";
    internal const string SizeMismatch = "Độ dài bản ghi không khớp với kích thước tệp. Hãy ghi lại.";

    public static AudioCheckResult Inspect(ReadOnlySpan<byte> file)
    {
        if (file.Length == 0)
        {
            return AudioCheckResult.Refused(Empty);
        }
        if (file.Length > MaxBytes)
        {
            return AudioCheckResult.Refused(TooBig);
        }
        AudioContainer container;
        StreamReading reading;
        if (file.StartsWith("OggS"u8))
        {
            container = AudioContainer.Ogg;
            reading = OggOpusReader.Read(file);
        }
        else if (file.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            container = AudioContainer.Webm;
            reading = WebmOpusReader.Read(file);
        }
        else
        {
            return AudioCheckResult.Refused(NotOpus);
        }
        if (reading.Refusal is { } refusal)
        {
            return AudioCheckResult.Refused(refusal);
        }
        var duration = TimeSpan.FromSeconds((double)reading.Samples / OpusPacket.SamplesPerSecond);
        if (duration > MaxDuration)
        {
            return AudioCheckResult.Refused(TooLong);
        }
        if (duration < MinDuration)
        {
            return AudioCheckResult.Refused(TooShort);
        }
        var bitsPerSecond = file.Length * 8 / duration.TotalSeconds;
        if (bitsPerSecond is < MinBitsPerSecond or > MaxBitsPerSecond)
        {
            return AudioCheckResult.Refused(SizeMismatch);
        }
        return new AudioCheckResult(container, (int)Math.Round(duration.TotalMilliseconds), null);
    }
}

/// <summary>A container reader's finding: the stream's length in 48 kHz samples, or why it is refused.</summary>
internal readonly record struct StreamReading(long Samples, string? Refusal)
{
    public static StreamReading Refuse(string reason) => new(0, reason);

    /// <summary>The length the container states must agree with the Opus packets it holds: a container cannot claim
    /// more (or much less) sound than its packets carry. <paramref name="slack"/> allows for trimmed ends.</summary>
    public static StreamReading Agreeing(long stated, long packets, long slack) =>
        stated <= 0 || Math.Abs(stated - packets) > slack ? Refuse(AudioCheck.SizeMismatch) : new(stated, null);
}
