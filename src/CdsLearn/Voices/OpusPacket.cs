namespace CdsLearn.Voices;

/// <summary>The length of an Opus packet, read from its table-of-contents byte (RFC 6716, 3.1).</summary>
public static class OpusPacket
{
    /// <summary>Opus always counts time at 48 kHz.</summary>
    public const int SamplesPerSecond = 48000;

    /// <summary>A packet holds at most 120 ms.</summary>
    private const int MaxSamples = 5760;

    /// <summary>The packet's duration in 48 kHz samples, or null when it is not a well-formed Opus packet.</summary>
    public static int? Samples(ReadOnlySpan<byte> packet)
    {
        if (packet.Length == 0)
        {
            return null;
        }
        var toc = packet[0];
        var config = toc >> 3;
        // In 48 kHz samples: SILK 10/20/40/60 ms, hybrid 10/20 ms, CELT 2.5/5/10/20 ms.
        var frame = config switch
        {
            < 12 => new[] { 480, 960, 1920, 2880 }[config % 4],
            < 16 => new[] { 480, 960 }[config % 2],
            _ => new[] { 120, 240, 480, 960 }[config % 4],
        };
        int frames;
        switch (toc & 3)
        {
            case 0:
                frames = 1;
                break;
            case 1:
            case 2:
                frames = 2;
                break;
            default:
                if (packet.Length < 2)
                {
                    return null;
                }
                frames = packet[1] & 0x3F;
                if (frames == 0)
                {
                    return null;
                }
                break;
        }
        var samples = frame * frames;
        return samples > MaxSamples ? null : samples;
    }
}
