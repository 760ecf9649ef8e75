using System.Buffers.Binary;
using System.Text;

namespace CdsLearn.Voices;

/// <summary>
/// Reads a WebM file with one Opus audio track, as a browser's MediaRecorder writes it: a live stream, whose Segment
/// and Clusters may be of unknown size and whose header states no duration, so the length is found by walking every
/// block (cluster time + block time + the packet's own length) and checked against the packets themselves.
/// </summary>
internal static class WebmOpusReader
{
    private const uint Ebml = 0x1A45DFA3, DocType = 0x4282, DocTypeReadVersion = 0x4285;
    private const uint Segment = 0x18538067, Info = 0x1549A966, TimecodeScale = 0x2AD7B1;
    private const uint Tracks = 0x1654AE6B, TrackEntry = 0xAE, TrackNumber = 0xD7, TrackType = 0x83, CodecId = 0x86;
    private const uint Cluster = 0x1F43B675, Timecode = 0xE7, SimpleBlock = 0xA3, BlockGroup = 0xA0, Block = 0xA1;

    /// <summary>The Segment's other children; one of them (or a new Cluster) ends a Cluster of unknown size.</summary>
    private static readonly HashSet<uint> SegmentChildren =
        [0x114D9B74, Info, Tracks, Cluster, 0x1C53BB6B, 0x1254C367, 0x1043A770, 0x1941A469];

    private const int AudioTrack = 2;
    private const long UnknownSize = -1;

    private sealed class State
    {
        public long Scale = 1_000_000;
        public ulong? OpusTrack;
        public bool OtherTracks;
        public long Start = long.MaxValue;
        public long End;
        public long Samples;
        public string? Refusal;
    }

    public static StreamReading Read(ReadOnlySpan<byte> file)
    {
        var pos = 0;
        if (!Header(file, ref pos, out var headerEnd) || !IsWebm(file[pos..(int)headerEnd]))
        {
            return StreamReading.Refuse(AudioCheck.NotOpus);
        }
        pos = (int)headerEnd;
        if (!Header(file, ref pos, out var segmentEnd, out var segmentId) || segmentId != Segment)
        {
            return StreamReading.Refuse(AudioCheck.Broken);
        }
        var state = new State();
        var end = segmentEnd == UnknownSize ? file.Length : (int)segmentEnd;
        while (pos < end && state.Refusal is null)
        {
            if (!Header(file, ref pos, out var childEnd, out var id))
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            if (id == Cluster)
            {
                pos = ReadCluster(file, pos, childEnd == UnknownSize ? end : (int)childEnd, childEnd == UnknownSize, state);
                continue;
            }
            if (childEnd == UnknownSize)
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            if (id == Info)
            {
                state.Scale = (long?)FindUInt(file[pos..(int)childEnd], TimecodeScale) ?? state.Scale;
                if (state.Scale <= 0)
                {
                    return StreamReading.Refuse(AudioCheck.Broken);
                }
            }
            else if (id == Tracks)
            {
                ReadTracks(file[pos..(int)childEnd], state);
            }
            pos = (int)childEnd;
        }
        if (state.Refusal is { } refusal)
        {
            return StreamReading.Refuse(refusal);
        }
        if (state.OpusTrack is null || state.Samples == 0)
        {
            return StreamReading.Refuse(AudioCheck.NotOpus);
        }
        // Timestamps in nanoseconds, to 48 kHz samples; a recorder may leave small gaps or overlaps between packets.
        var stated = (state.End - state.Start) * OpusPacket.SamplesPerSecond / 1_000_000_000;
        return StreamReading.Agreeing(stated, state.Samples, slack: Math.Max(OpusPacket.SamplesPerSecond / 2, stated / 10));
    }

    private static bool IsWebm(ReadOnlySpan<byte> header)
    {
        var docType = FindBytes(header, DocType);
        var readVersion = FindUInt(header, DocTypeReadVersion) ?? 1;
        return docType is { } d && Encoding.ASCII.GetString(d).TrimEnd('\0') == "webm" && readVersion <= 4;
    }

    private static void ReadTracks(ReadOnlySpan<byte> tracks, State state)
    {
        var pos = 0;
        while (pos < tracks.Length)
        {
            if (!Header(tracks, ref pos, out var end, out var id) || end == UnknownSize)
            {
                state.Refusal = AudioCheck.Broken;
                return;
            }
            if (id == TrackEntry)
            {
                var entry = tracks[pos..(int)end];
                var codec = FindBytes(entry, CodecId) is { } c ? Encoding.ASCII.GetString(c).TrimEnd('\0') : "";
                if (codec == "A_OPUS" && FindUInt(entry, TrackType) is AudioTrack && state.OpusTrack is null)
                {
                    state.OpusTrack = FindUInt(entry, TrackNumber);
                }
                else
                {
                    state.OtherTracks = true;
                }
            }
            pos = (int)end;
        }
        if (state.OtherTracks || state.OpusTrack is null)
        {
            // Video, a second track, another codec: not a plain Opus voice recording.
            state.Refusal = AudioCheck.NotOpus;
        }
    }

    private static int ReadCluster(ReadOnlySpan<byte> file, int pos, int end, bool unknownSize, State state)
    {
        long clusterTime = 0;
        while (pos < end && state.Refusal is null)
        {
            var start = pos;
            if (!Header(file, ref pos, out var childEnd, out var id))
            {
                state.Refusal = AudioCheck.Broken;
                return end;
            }
            if (unknownSize && SegmentChildren.Contains(id))
            {
                // The next Cluster (or a Cues, Tags…) begins: this one ended where it started.
                return start;
            }
            if (childEnd == UnknownSize)
            {
                state.Refusal = AudioCheck.Broken;
                return end;
            }
            var body = file[pos..(int)childEnd];
            if (id == Timecode)
            {
                clusterTime = (long)ReadUInt(body);
            }
            else if (id == SimpleBlock)
            {
                ReadBlock(body, clusterTime, state);
            }
            else if (id == BlockGroup)
            {
                if (FindBytes(body, Block) is { } block)
                {
                    ReadBlock(block, clusterTime, state);
                }
            }
            pos = (int)childEnd;
        }
        return pos;
    }

    private static void ReadBlock(ReadOnlySpan<byte> block, long clusterTime, State state)
    {
        var pos = 0;
        if (state.OpusTrack is null || !Vint(block, ref pos, out var track, out _, keepMarker: false) || block.Length < pos + 3)
        {
            state.Refusal = state.OpusTrack is null ? AudioCheck.NotOpus : AudioCheck.Broken;
            return;
        }
        if (track != state.OpusTrack)
        {
            state.Refusal = AudioCheck.NotOpus;
            return;
        }
        var relative = BinaryPrimitives.ReadInt16BigEndian(block[pos..]);
        var flags = block[pos + 2];
        pos += 3;
        var frames = Frames(block[pos..], (flags >> 1) & 3);
        if (frames is null)
        {
            state.Refusal = AudioCheck.Broken;
            return;
        }
        var time = (clusterTime + relative) * state.Scale;
        var samples = 0L;
        foreach (var (offset, length) in frames)
        {
            if (OpusPacket.Samples(block.Slice(pos + offset, length)) is not { } n)
            {
                state.Refusal = AudioCheck.Broken;
                return;
            }
            samples += n;
        }
        state.Samples += samples;
        state.Start = Math.Min(state.Start, time);
        state.End = Math.Max(state.End, time + samples * 1_000_000_000 / OpusPacket.SamplesPerSecond);
    }

    /// <summary>The frames of a block's data (offset, length), by its lacing: none, Xiph (1), EBML (3) or fixed (2).</summary>
    private static List<(int Offset, int Length)>? Frames(ReadOnlySpan<byte> data, int lacing)
    {
        if (lacing == 0)
        {
            return data.Length > 0 ? [(0, data.Length)] : null;
        }
        if (data.Length < 1)
        {
            return null;
        }
        var count = data[0] + 1;
        var pos = 1;
        var sizes = new List<int>();
        switch (lacing)
        {
            case 1:
                for (var i = 0; i < count - 1; i++)
                {
                    var size = 0;
                    byte b;
                    do
                    {
                        if (pos >= data.Length)
                        {
                            return null;
                        }
                        b = data[pos++];
                        size += b;
                    }
                    while (b == 255);
                    sizes.Add(size);
                }
                break;
            case 3:
                if (!Vint(data, ref pos, out var first, out _, keepMarker: false))
                {
                    return null;
                }
                sizes.Add((int)first);
                for (var i = 1; i < count - 1; i++)
                {
                    if (!Vint(data, ref pos, out var raw, out var width, keepMarker: false))
                    {
                        return null;
                    }
                    var difference = (long)raw - ((1L << (7 * width - 1)) - 1);
                    sizes.Add(sizes[^1] + (int)difference);
                }
                break;
            default:
                if ((data.Length - pos) % count != 0)
                {
                    return null;
                }
                sizes.AddRange(Enumerable.Repeat((data.Length - pos) / count, count - 1));
                break;
        }
        var frames = new List<(int, int)>();
        var offset = pos;
        foreach (var size in sizes)
        {
            if (size <= 0 || offset + size > data.Length)
            {
                return null;
            }
            frames.Add((offset, size));
            offset += size;
        }
        if (offset >= data.Length)
        {
            return null;
        }
        frames.Add((offset, data.Length - offset));
        return frames;
    }

    /// <summary>Reads an element's ID and size; <paramref name="end"/> is where it ends (<see cref="UnknownSize"/>
    /// for a live stream's open element). False when the header is malformed or the element runs past the data.</summary>
    private static bool Header(ReadOnlySpan<byte> data, ref int pos, out long end, out uint id)
    {
        end = 0;
        id = 0;
        if (!Vint(data, ref pos, out var rawId, out var idWidth, keepMarker: true) || idWidth > 4
            || !Vint(data, ref pos, out var size, out var sizeWidth, keepMarker: false))
        {
            return false;
        }
        id = (uint)rawId;
        if (size == (1UL << (7 * sizeWidth)) - 1)
        {
            end = UnknownSize;
            return true;
        }
        if (size > (ulong)(data.Length - pos))
        {
            return false;
        }
        end = pos + (long)size;
        return true;
    }

    private static bool Header(ReadOnlySpan<byte> data, ref int pos, out long end) =>
        Header(data, ref pos, out end, out var id) && id == Ebml && end != UnknownSize;

    private static bool Vint(ReadOnlySpan<byte> data, ref int pos, out ulong value, out int width, bool keepMarker)
    {
        value = 0;
        width = 0;
        if (pos >= data.Length || data[pos] == 0)
        {
            return false;
        }
        width = System.Numerics.BitOperations.LeadingZeroCount((uint)data[pos]) - 23;
        if (pos + width > data.Length)
        {
            return false;
        }
        value = keepMarker ? data[pos] : (ulong)(data[pos] & (0xFF >> width));
        for (var i = 1; i < width; i++)
        {
            value = (value << 8) | data[pos + i];
        }
        pos += width;
        return true;
    }

    /// <summary>The body of the first child with this ID in a run of elements, or null.</summary>
    private static byte[]? FindBytes(ReadOnlySpan<byte> data, uint wanted)
    {
        var pos = 0;
        while (pos < data.Length)
        {
            if (!Header(data, ref pos, out var end, out var id) || end == UnknownSize)
            {
                return null;
            }
            if (id == wanted)
            {
                return data[pos..(int)end].ToArray();
            }
            pos = (int)end;
        }
        return null;
    }

    private static ulong? FindUInt(ReadOnlySpan<byte> data, uint wanted) =>
        FindBytes(data, wanted) is { Length: <= 8 } bytes ? ReadUInt(bytes) : null;

    private static ulong ReadUInt(ReadOnlySpan<byte> bytes)
    {
        ulong value = 0;
        foreach (var b in bytes[..Math.Min(8, bytes.Length)])
        {
            value = (value << 8) | b;
        }
        return value;
    }
}
