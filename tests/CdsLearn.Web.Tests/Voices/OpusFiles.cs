using System.Buffers.Binary;
using System.Text;
using CdsLearn.Voices;

namespace CdsLearn.Tests.Voices;

/// <summary>
/// Builds Opus recordings (for the library's tests too, which compile this file) in WebM (as Chromium's MediaRecorder writes them: live, unknown sizes, no duration) and in
/// Ogg, from packets of 20 ms whose table-of-contents byte is real Opus (CELT, full band, one frame) and whose payload
/// is noise: the checks read containers and packet lengths, not the sound.
/// </summary>
public static class OpusFiles
{
    public const int SamplesPerPacket = 960;

    public static byte[] Packet(Random random, int bytes = 80)
    {
        var packet = new byte[bytes];
        random.NextBytes(packet);
        packet[0] = 0xF8;
        return packet;
    }

    public static List<byte[]> Packets(TimeSpan length, int bytesPerPacket = 80, int seed = 1)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, (int)(length.TotalMilliseconds / 20)).Select(_ => Packet(random, bytesPerPacket)).ToList();
    }

    public static byte[] OpusHead(int preSkip = 312)
    {
        var head = new byte[19];
        "OpusHead"u8.CopyTo(head);
        head[8] = 1;
        head[9] = 1;
        BinaryPrimitives.WriteUInt16LittleEndian(head.AsSpan(10), (ushort)preSkip);
        BinaryPrimitives.WriteUInt32LittleEndian(head.AsSpan(12), 48000);
        return head;
    }

    // --- WebM ---

    public static byte[] Webm(TimeSpan length, int bytesPerPacket = 80, string docType = "webm", string codec = "A_OPUS",
        bool withVideo = false, byte[]? padding = null) =>
        Webm(Packets(length, bytesPerPacket), docType, codec, withVideo, padding);

    public static byte[] Webm(IReadOnlyList<byte[]> packets, string docType = "webm", string codec = "A_OPUS", bool withVideo = false, byte[]? padding = null)
    {
        var file = new MemoryStream();
        file.Write(Element(0x1A45DFA3, [
            .. Element(0x4286, [1]), .. Element(0x42F7, [1]), .. Element(0x42F2, [4]), .. Element(0x42F3, [8]),
            .. Element(0x4282, Encoding.ASCII.GetBytes(docType)), .. Element(0x4287, [4]), .. Element(0x4285, [2])]));
        file.Write(Id(0x18538067));
        file.Write(UnknownSize);
        file.Write(Element(0x1549A966, [.. Element(0x2AD7B1, [0x0F, 0x42, 0x40]), .. Element(0x4D80, "test"u8.ToArray())]));
        byte[] track = [.. Element(0xD7, [1]), .. Element(0x83, [2]), .. Element(0x86, Encoding.ASCII.GetBytes(codec)), .. Element(0x63A2, OpusHead())];
        byte[] tracks = [.. Element(0xAE, track)];
        if (withVideo)
        {
            tracks = [.. tracks, .. Element(0xAE, [.. Element(0xD7, [2]), .. Element(0x83, [1]), .. Element(0x86, "V_VP8"u8.ToArray())])];
        }
        file.Write(Element(0x1654AE6B, tracks));
        if (padding is not null)
        {
            file.Write(Element(0xEC, padding));
        }
        // One cluster a second, each of unknown size, blocks 20 ms apart.
        for (var first = 0; first < packets.Count; first += 50)
        {
            file.Write(Id(0x1F43B675));
            file.Write(UnknownSize);
            var clusterMs = first * 20;
            file.Write(Element(0xE7, BigEndian((ulong)clusterMs)));
            for (var i = first; i < Math.Min(first + 50, packets.Count); i++)
            {
                var relative = (short)((i - first) * 20);
                byte[] block = [0x81, (byte)(relative >> 8), (byte)relative, 0x80, .. packets[i]];
                file.Write(Element(0xA3, block));
            }
        }
        return file.ToArray();
    }

    private static readonly byte[] UnknownSize = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private static byte[] Id(uint id) => BigEndian(id);

    private static byte[] BigEndian(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            bytes.Insert(0, (byte)value);
            value >>= 8;
        }
        while (value > 0);
        return [.. bytes];
    }

    public static byte[] Element(uint id, byte[] body)
    {
        var size = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(size, (ulong)body.Length);
        size[0] = 0x01;
        return [.. Id(id), .. size, .. body];
    }

    // --- Ogg ---

    /// <summary>An Ogg Opus file; <paramref name="statedSamples"/> overrides the last page's granule position.</summary>
    public static byte[] Ogg(TimeSpan length, int bytesPerPacket = 80, long? statedSamples = null, bool endOfStream = true) =>
        Ogg(Packets(length, bytesPerPacket), statedSamples, endOfStream);

    public static byte[] Ogg(IReadOnlyList<byte[]> packets, long? statedSamples = null, bool endOfStream = true)
    {
        const int preSkip = 312;
        var file = new MemoryStream();
        var sequence = 0;
        file.Write(Page(0x02, 0, sequence++, [OpusHead(preSkip)]));
        file.Write(Page(0x00, 0, sequence++, [[.. "OpusTags"u8, 4, 0, 0, 0, .. "test"u8, 0, 0, 0, 0]]));
        long granule = preSkip;
        for (var first = 0; first < packets.Count; first += 50)
        {
            var page = packets.Skip(first).Take(50).ToList();
            granule += page.Count * SamplesPerPacket;
            var last = first + 50 >= packets.Count;
            file.Write(Page(last && endOfStream ? (byte)0x04 : (byte)0, last && statedSamples is { } s ? s + preSkip : granule, sequence++, page));
        }
        return file.ToArray();
    }

    private static byte[] Page(byte type, long granule, int sequence, IReadOnlyList<byte[]> packets)
    {
        var lacing = new List<byte>();
        foreach (var packet in packets)
        {
            var left = packet.Length;
            while (left >= 255)
            {
                lacing.Add(255);
                left -= 255;
            }
            lacing.Add((byte)left);
        }
        var header = new byte[27];
        "OggS"u8.CopyTo(header);
        header[5] = type;
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(6), granule);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(14), 0x1234);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(18), (uint)sequence);
        header[26] = (byte)lacing.Count;
        byte[] page = [.. header, .. lacing, .. packets.SelectMany(p => p)];
        BinaryPrimitives.WriteUInt32LittleEndian(page.AsSpan(22), OggOpusReader.Checksum(page));
        return page;
    }

    /// <summary>The start of an MP3 file: an ID3 tag, then MPEG audio frames.</summary>
    public static byte[] Mp3(int bytes)
    {
        var file = new byte[bytes];
        new Random(3).NextBytes(file);
        "ID3"u8.CopyTo(file);
        file[3] = 3;
        file[10] = 0xFF;
        file[11] = 0xFB;
        return file;
    }
}
