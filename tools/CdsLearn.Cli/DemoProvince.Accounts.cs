using System.Buffers.Binary;
using CdsLearn.Certificates;
using CdsLearn.Rules;

namespace CdsLearn.Cli;

/// <summary>The demo's accounts, phone numbers, codes and ids, all from the seeded generator.</summary>
public sealed partial class DemoProvince
{
    private Account NewUser(string fullName, DateTime createdAt, string role, Counter result, string? phone = null)
    {
        phone ??= NewPhone();
        var id = NewGuid().ToString();
        users.Run(id, phone, phone.ToUpperInvariant(), RandomText(Base32, 32), RandomGuid().ToString(), phone, false, false, false, true, 0, fullName, Sql.Time(createdAt));
        userRoles.Run(id, roleIds[role]);
        result.Accounts++;
        return new Account(id);
    }

    /// <summary>A mobile number, which is the user name of most citizens.</summary>
    private string NewPhone()
    {
        while (true)
        {
            var phone = "0" + PhonePrefixes[random.Next(PhonePrefixes.Length)] + random.Next(0, 10_000_000).ToString("D7", System.Globalization.CultureInfo.InvariantCulture);
            if (usedPhones.Add(phone))
            {
                return phone;
            }
        }
    }

    private string NewJoinCode()
    {
        while (true)
        {
            var code = RandomText(ShortCode.Alphabet, 8);
            if (usedJoinCodes.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>Like <see cref="CertificateCode.New"/>, from the seeded generator, checked against every code made.</summary>
    private string NewCertificateCode()
    {
        while (true)
        {
            var letters = RandomText(ShortCode.Alphabet, 8);
            var code = letters[..4] + "-" + letters[4..];
            if (usedCertificateCodes.Add(code))
            {
                return code;
            }
        }
    }

    /// <summary>A version-7-style Guid: a counter where the timestamp would be, so ids sort in the order they are made.</summary>
    private Guid NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, 0x019A_0000_0000 + ++nextGuid);
        counter[2..].CopyTo(bytes);
        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    private Guid RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private string RandomText(string alphabet, int length) =>
        string.Create(length, (alphabet, random), (chars, state) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = state.alphabet[state.random.Next(state.alphabet.Length)];
            }
        });

    /// <summary>An account made here; for a team worker, also their last outreach (as FigureKeeper keeps it:
    /// a household registered, an assignment given, a quiz taken with them).</summary>
    private sealed class Account(string id)
    {
        public string Id { get; } = id;
        public DateTime? LastActiveAt { get; private set; }

        public void Active(DateTime at) => LastActiveAt = LastActiveAt > at ? LastActiveAt : at;
    }
}
