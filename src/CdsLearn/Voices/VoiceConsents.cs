using System.Linq.Expressions;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Voices;

/// <summary>A team member's consent, asked before their first recording (and again after a withdrawal) and kept with
/// the text they read. Withdrawing it is <see cref="VoiceRemoval.WithdrawAsync"/>.</summary>
public sealed class VoiceConsents(AppDbContext db, TimeProvider clock)
{
    /// <summary>The text shown with the checkbox, stored as agreed to (a changed text here is a new version for new consents).</summary>
    public const string Text =
        "Tôi đồng ý để CdsLearn ghi âm giọng đọc của tôi và cho bà con nghe trong các bài học sau khi cán bộ duyệt. " +
        "Giọng nói là dữ liệu cá nhân của tôi: tôi có thể tự xoá từng bản ghi hoặc rút lại sự đồng ý (xoá mọi bản ghi) bất cứ lúc nào trên trang này.";

    public const string ShowNameText = "Ghi tên tôi và tên Tổ dưới bản ghi (\"Giọng đọc: …\"). Không chọn thì không ghi tên.";

    /// <summary>The consent in force, or null (never given, or withdrawn).</summary>
    public Task<VoiceConsent?> FindAsync(string userId, CancellationToken cancellationToken) =>
        InForce(db, userId).AsNoTracking().FirstOrDefaultAsync(cancellationToken);

    public static IQueryable<VoiceConsent> InForce(AppDbContext db, string userId) =>
        db.VoiceConsents.Where(IsInForce).Where(c => c.UserId == userId);

    /// <summary>The one rule for a consent in force: not withdrawn (the unique index
    /// <c>IX_VoiceConsents_InForce</c> allows one per person). Usable inside other queries.</summary>
    public static readonly Expression<Func<VoiceConsent, bool>> IsInForce = c => c.WithdrawnAt == null;

    /// <summary>Every consent the person gave, newest first, with when each was withdrawn.</summary>
    public Task<List<VoiceConsent>> HistoryAsync(string userId, CancellationToken cancellationToken) =>
        db.VoiceConsents.AsNoTracking().Where(c => c.UserId == userId).OrderByDescending(c => c.GivenAt).ThenByDescending(c => c.Id)
            .ToListAsync(cancellationToken);

    /// <summary>Gives consent, or changes the name and its showing in the consent in force.</summary>
    public async Task GiveAsync(string userId, string speakerName, bool showName, CancellationToken cancellationToken)
    {
        var consent = await InForce(db, userId).FirstOrDefaultAsync(cancellationToken);
        if (consent is null)
        {
            consent = new VoiceConsent { UserId = userId, SpeakerName = speakerName, ConsentText = "" };
            db.VoiceConsents.Add(consent);
        }
        consent.SpeakerName = speakerName;
        consent.ShowName = showName;
        consent.ConsentText = showName ? Text + "\n" + ShowNameText : Text;
        consent.GivenAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (consent.Id == 0)
        {
            // The same form sent twice at once: the other one's consent is in force (one per person), as wanted.
            db.ChangeTracker.Clear();
        }
    }
}
