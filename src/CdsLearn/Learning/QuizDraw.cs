using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using CdsLearn.Content;
using Microsoft.AspNetCore.DataProtection;

namespace CdsLearn.Learning;

/// <summary>The questions one attempt shows, each with the order its options are shown in. Its id is stored with the
/// attempt it grades (unique), so a draw grades one attempt only: its result page shows the right options, and a second
/// attempt on the same draw would be the answer key sent back.</summary>
public sealed record QuizDraw(Guid Id, string ModuleId, string UserId, IReadOnlyList<DrawnQuestion> Questions)
{
    /// <summary>Draws <see cref="Quiz.Draw"/> questions of the pool at random and shuffles each one's options.</summary>
    public static QuizDraw Create(Quiz quiz, string userId)
    {
        var pool = quiz.Questions.ToArray();
        Shuffle(pool.AsSpan());
        var drawn = pool.Take(Math.Min(quiz.Draw, pool.Length)).Select(q =>
        {
            var order = q.Options.Select(o => o.Index).ToArray();
            Shuffle(order.AsSpan());
            return new DrawnQuestion(q.Number, order);
        });
        return new QuizDraw(AttemptIds.New(), quiz.ModuleId, userId, drawn.ToList());
    }

    /// <summary>
    /// Fisher–Yates with the system's cryptographic generator read once per shuffle. <c>RandomNumberGenerator.Shuffle</c>
    /// reads it once per element, each a call into OpenSSL of 1–2 µs: a quiz page's draw made ~40 of them, 3 % of the
    /// site's CPU in the learner loop. A 64-bit value taken modulo a pool's size (tens) is biased by less than 10^-17.
    /// </summary>
    private static void Shuffle<T>(Span<T> items)
    {
        if (items.Length < 2)
        {
            return;
        }
        Span<ulong> random = items.Length <= 64 ? stackalloc ulong[items.Length] : new ulong[items.Length];
        RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(random));
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)(random[i] % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}

public sealed record DrawnQuestion(int Number, IReadOnlyList<int> OptionOrder);

/// <summary>
/// Carries a draw through the learner's browser as an encrypted, signed token: the server needs no state between
/// showing a quiz and grading it, and the browser learns nothing of the answer key from it.
/// </summary>
public sealed class QuizDrawProtector(IDataProtectionProvider provider)
{
    /// <summary>How long a drawn quiz may stay open (a learner may answer offline and send later).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector protector =
        provider.CreateProtector("CdsLearn.Learning.QuizDraw.v1").ToTimeLimitedDataProtector();

    public string Protect(QuizDraw draw) => protector.Protect(JsonSerializer.Serialize(draw), Lifetime);

    /// <summary>The draw in the token, or null when the token was altered, expired or made for another learner or quiz
    /// (or before draws had ids: such a token could not be held to one attempt).</summary>
    public QuizDraw? Unprotect(string? token, string moduleId, string userId)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var draw = JsonSerializer.Deserialize<QuizDraw>(protector.Unprotect(token));
            return draw is not null && draw.Id != Guid.Empty && draw.ModuleId == moduleId && draw.UserId == userId ? draw : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
