using System.Buffers.Binary;

namespace CdsLearn.Voices;

/// <summary>
/// Reads an Ogg Opus file (RFC 7845): one logical stream of checksummed pages, "OpusHead" then "OpusTags" then audio
/// packets, ending with an end-of-stream page whose granule position (minus the pre-skip) is the length.
/// </summary>
public static class OggOpusReader
{
    private const byte Continued = 0x01;
    private const byte BeginsStream = 0x02;
    private const byte EndsStream = 0x04;

    private static readonly uint[] CrcTable = MakeCrcTable();

    internal static StreamReading Read(ReadOnlySpan<byte> file)
    {
        var pos = 0;
        uint? serial = null;
        var ended = false;
        long granule = -1;
        var pending = new List<byte>();
        var packetIndex = 0;
        var preSkip = 0;
        long samples = 0;
        while (pos < file.Length)
        {
            if (ended)
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            if (file.Length - pos < 27 || !file[pos..].StartsWith("OggS"u8) || file[pos + 4] != 0)
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            var type = file[pos + 5];
            var pageGranule = BinaryPrimitives.ReadInt64LittleEndian(file[(pos + 6)..]);
            var pageSerial = BinaryPrimitives.ReadUInt32LittleEndian(file[(pos + 14)..]);
            int segments = file[pos + 26];
            if (file.Length - pos < 27 + segments)
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            var lacing = file.Slice(pos + 27, segments);
            var bodyLength = 0;
            foreach (var l in lacing)
            {
                bodyLength += l;
            }
            var pageLength = 27 + segments + bodyLength;
            if (file.Length - pos < pageLength)
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            var page = file.Slice(pos, pageLength);
            if (Crc(page) != BinaryPrimitives.ReadUInt32LittleEndian(page[22..]))
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            if (serial is null)
            {
                if ((type & BeginsStream) == 0)
                {
                    return StreamReading.Refuse(AudioCheck.NotOpus);
                }
                serial = pageSerial;
            }
            else if (pageSerial != serial || (type & BeginsStream) != 0)
            {
                // A second stream (video, another track): not a plain voice recording.
                return StreamReading.Refuse(AudioCheck.NotOpus);
            }
            if (((type & Continued) != 0) != (pending.Count > 0))
            {
                return StreamReading.Refuse(AudioCheck.Broken);
            }
            var body = page[(27 + segments)..];
            var offset = 0;
            foreach (var l in lacing)
            {
                pending.AddRange(body.Slice(offset, l));
                offset += l;
                if (l == 255)
                {
                    continue;
                }
                var packet = pending.ToArray();
                pending.Clear();
                switch (packetIndex++)
                {
                    case 0:
                        if (packet.Length < 19 || !packet.AsSpan().StartsWith("OpusHead"u8) || packet[8] > 15 || packet[9] == 0)
                        {
                            return StreamReading.Refuse(AudioCheck.NotOpus);
                        }
                        preSkip = BinaryPrimitives.ReadUInt16LittleEndian(packet.AsSpan(10));
                        break;
                    case 1:
                        if (!packet.AsSpan().StartsWith("OpusTags"u8))
                        {
                            return StreamReading.Refuse(AudioCheck.NotOpus);
                        }
                        break;
                    default:
                        if (OpusPacket.Samples(packet) is not { } n)
                        {
                            return StreamReading.Refuse(AudioCheck.Broken);
                        }
                        samples += n;
                        break;
                }
            }
            if (pageGranule != -1)
            {
                granule = pageGranule;
            }
            ended = (type & EndsStream) != 0;
            pos += pageLength;
        }
        if (!ended || pending.Count > 0 || packetIndex < 3)
        {
            // No end-of-stream page: the file was cut short.
            return StreamReading.Refuse(packetIndex < 2 ? AudioCheck.NotOpus : AudioCheck.Broken);
        }
        // The last packet may be trimmed at the end (RFC 7845, 4.4), by less than one packet.
        return StreamReading.Agreeing(granule - preSkip, samples - preSkip, slack: 5760);
    }

    private static uint Crc(ReadOnlySpan<byte> page)
    {
        uint crc = 0;
        for (var i = 0; i < page.Length; i++)
        {
            // The checksum field itself counts as zeros.
            var b = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = (crc << 8) ^ CrcTable[((crc >> 24) & 0xFF) ^ b];
        }
        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var r = i << 24;
            for (var j = 0; j < 8; j++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }
            table[i] = r;
        }
        return table;
    }

    /// <summary>A page's checksum (the field at bytes 22–25 counted as zeros): what a writer of Ogg puts there.</summary>
    public static uint Checksum(ReadOnlySpan<byte> page) => Crc(page);
}
