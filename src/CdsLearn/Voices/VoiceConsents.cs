using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Voices;

/// <summary>A team member's consent, asked once before their first recording and kept with the text they read.</summary>
public sealed class VoiceConsents(AppDbContext db, TimeProvider clock)
{
    /// <summary>The text shown with the checkbox, stored as agreed to (a changed text here is a new version for new consents).</summary>
    public const string Text =
        "Tôi đồng ý để CdsLearn ghi âm giọng đọc của tôi và cho bà con nghe trong các bài học sau khi cán bộ duyệt. " +
        "Giọng nói là dữ liệu cá nhân của tôi: tôi có thể xin xoá các bản ghi bất cứ lúc nào qua cán bộ xã.";

    public const string ShowNameText = "Ghi tên tôi và tên Tổ dưới bản ghi (\"Giọng đọc: …\"). Không chọn thì không ghi tên.";

    public Task<VoiceConsent?> FindAsync(string userId, CancellationToken cancellationToken) =>
        db.VoiceConsents.AsNoTracking().FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);

    public async Task GiveAsync(string userId, string speakerName, bool showName, CancellationToken cancellationToken)
    {
        var consent = await db.VoiceConsents.FirstOrDefaultAsync(c => c.UserId == userId, cancellationToken);
        if (consent is null)
        {
            consent = new VoiceConsent { UserId = userId, SpeakerName = speakerName, ConsentText = "" };
            db.VoiceConsents.Add(consent);
        }
        consent.SpeakerName = speakerName;
        consent.ShowName = showName;
        consent.ConsentText = showName ? Text + "\n" + ShowNameText : Text;
        consent.GivenAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
