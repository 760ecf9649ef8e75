using System.Security.Cryptography;
using CdsLearn.Content;
using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CdsLearn.Voices;

/// <summary>The answer to an upload request: an HTTP status, the upload's state, and a Vietnamese reason when refused.</summary>
public sealed record UploadAnswer(int Status, VoiceUpload? Upload, string? Refusal = null)
{
    public int Offset => Upload is null ? 0 : Upload.RecordingId is null ? Upload.Offset : Upload.Length;
}

/// <summary>A new upload as the browser announces it: its own id for the recording, what it reads, its size, and the
/// team it is read for (null: the reader's first team).</summary>
public sealed record NewUpload(string ClientId, string ItemId, string SectionKey, string Language, int Length, int? TeamId = null);

/// <summary>
/// Resumable uploads (after tus 1.0: create, ask the offset, append at it): every step may be repeated on a weak line
/// without harm. Creating again with the same client id finds the same upload; a chunk at a stale offset is refused
/// with the offset to go on from (409); the chunk that completes the file has it checked (<see cref="AudioCheck"/>)
/// and stored once, and a repeat of it finds the upload complete. A refused file leaves nothing behind.
/// </summary>
public sealed class VoiceUploads(AppDbContext db, IAudioStore store, CourseCatalog catalog, IOptions<VoicesOptions> options, TimeProvider clock,
    VoiceRemoval removal, VoicePublications publications)
{
    public const string NoConsent = "Hãy đọc và đồng ý cho ghi âm giọng đọc trước khi ghi.";
    public const string NoTeam = "Chỉ thành viên Tổ công nghệ số cộng đồng mới ghi giọng đọc.";
    public const string NotYourTeam = "Bạn không ở Tổ này. Hãy chọn một Tổ của bạn.";

    /// <summary>The teams the user records for, first the default one: only their own, whatever id a form names.</summary>
    public static IQueryable<Households.Team> TeamsOf(AppDbContext db, string userId) =>
        db.Teams.Where(t => db.TeamMembers.Any(m => m.UserId == userId && m.TeamId == t.Id)).OrderBy(t => t.Id);

    public async Task<UploadAnswer> CreateAsync(string userId, NewUpload request, CancellationToken cancellationToken)
    {
        if (request.ClientId.Length is < 8 or > 64 || !request.ClientId.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return new UploadAnswer(400, null, "Yêu cầu tải lên không hợp lệ.");
        }
        if (VoiceItem.Find(catalog.Current, request.ItemId)?.FindSection(request.SectionKey) is null)
        {
            return new UploadAnswer(404, null, "Không tìm thấy phần bài này.");
        }
        if (options.Value.Find(request.Language) is null)
        {
            return new UploadAnswer(400, null, "Ngôn ngữ này chưa được tỉnh đưa vào danh sách.");
        }
        if (request.Length <= 0)
        {
            return new UploadAnswer(422, null, AudioCheck.Empty);
        }
        if (request.Length > AudioCheck.MaxBytes)
        {
            return new UploadAnswer(413, null, AudioCheck.TooBig);
        }
        if (!await VoiceConsents.InForce(db, userId).AnyAsync(cancellationToken))
        {
            return new UploadAnswer(403, null, NoConsent);
        }
        if (!await TeamsOf(db, userId).AnyAsync(cancellationToken))
        {
            return new UploadAnswer(403, null, NoTeam);
        }
        if (request.TeamId is { } teamId && !await TeamsOf(db, userId).AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            return new UploadAnswer(403, null, NotYourTeam);
        }
        var existing = await db.VoiceUploads.AsNoTracking()
            .FirstOrDefaultAsync(u => u.UserId == userId && u.ClientId == request.ClientId, cancellationToken);
        if (existing is not null)
        {
            return existing.ItemId == request.ItemId && existing.SectionKey == request.SectionKey
                   && existing.Language == request.Language && existing.Length == request.Length && existing.TeamId == request.TeamId
                ? new UploadAnswer(200, existing)
                : new UploadAnswer(409, null, "Yêu cầu tải lên không hợp lệ.");
        }
        var upload = new VoiceUpload
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            ClientId = request.ClientId,
            ItemId = request.ItemId,
            SectionKey = request.SectionKey,
            Language = request.Language,
            TeamId = request.TeamId,
            Length = request.Length,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.VoiceUploads.Add(upload);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same create twice at once (a retry on a slow line): the other one won; answer with it.
            db.ChangeTracker.Clear();
            var won = await db.VoiceUploads.AsNoTracking().FirstAsync(u => u.UserId == userId && u.ClientId == request.ClientId, cancellationToken);
            return new UploadAnswer(200, won);
        }
        return new UploadAnswer(201, upload);
    }

    /// <summary>The upload's state (HEAD): its offset, or its length once complete. Another user's upload is not found.</summary>
    public async Task<UploadAnswer> FindAsync(string userId, string uploadId, CancellationToken cancellationToken) =>
        await db.VoiceUploads.AsNoTracking().FirstOrDefaultAsync(u => u.Id == uploadId && u.UserId == userId, cancellationToken) is { } upload
            ? new UploadAnswer(200, upload)
            : new UploadAnswer(404, null, "Không tìm thấy lần tải lên này. Hãy lưu lại từ đầu.");

    public async Task<UploadAnswer> AppendAsync(string userId, string uploadId, int offset, ReadOnlyMemory<byte> chunk, CancellationToken cancellationToken)
    {
        var found = await FindAsync(userId, uploadId, cancellationToken);
        if (found.Upload is not { } upload)
        {
            return found;
        }
        if (upload.RecordingId is not null)
        {
            // Complete already: a repeat of the last chunk (its answer was lost) changes nothing.
            return found;
        }
        if (offset != upload.Offset)
        {
            return new UploadAnswer(409, upload);
        }
        if (chunk.Length == 0 || offset + chunk.Length > upload.Length)
        {
            return new UploadAnswer(400, upload, "Phần gửi lên dài hơn bản ghi đã báo.");
        }
        await store.WritePartAsync(upload.Id, offset, chunk, cancellationToken);
        var next = offset + chunk.Length;
        // Only one request moves the offset from here: a chunk sent twice at once is written twice (the same bytes)
        // but counted once, and only one of them completes the file.
        var moved = await db.VoiceUploads.Where(u => u.Id == upload.Id && u.Offset == offset)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Offset, next), cancellationToken);
        if (moved == 0)
        {
            return await FindAsync(userId, uploadId, cancellationToken) is { Upload: { } now } ? new UploadAnswer(409, now) : found;
        }
        upload.Offset = next;
        return next < upload.Length ? new UploadAnswer(204, upload) : await CompleteAsync(upload, cancellationToken);
    }

    private async Task<UploadAnswer> CompleteAsync(VoiceUpload upload, CancellationToken cancellationToken)
    {
        var bytes = await store.ReadPartAsync(upload.Id, upload.Length, cancellationToken);
        var check = bytes.Length == upload.Length ? AudioCheck.Inspect(bytes) : AudioCheckResult.Refused(AudioCheck.Broken);
        var section = VoiceItem.Find(catalog.Current, upload.ItemId)?.FindSection(upload.SectionKey);
        // Checked again at the end: the reader may have left the team, or withdrawn their consent, meanwhile.
        var team = await TeamsOf(db, upload.UserId).Where(t => upload.TeamId == null || t.Id == upload.TeamId)
            .Select(t => new { t.Id, t.CommuneId }).FirstOrDefaultAsync(cancellationToken);
        var consented = await VoiceConsents.InForce(db, upload.UserId).AnyAsync(cancellationToken);
        if (!check.IsAccepted || section is null || team is null || !consented)
        {
            // Nothing kept: neither the bytes nor the upload, so the phone starts again from a fresh recording.
            await store.DeletePartAsync(upload.Id, cancellationToken);
            await db.VoiceUploads.Where(u => u.Id == upload.Id).ExecuteDeleteAsync(cancellationToken);
            return new UploadAnswer(422, null, check.Refusal ?? (section is null ? "Phần bài này đã thay đổi. Hãy tải lại trang."
                : !consented ? NoConsent : upload.TeamId is null ? NoTeam : NotYourTeam));
        }
        var name = AudioFiles.NameOf(AudioFiles.HashOf(bytes), check.Container);
        await store.PutAsync(name, bytes, cancellationToken);
        var recording = await db.VoiceRecordings.FirstOrDefaultAsync(r => r.ItemId == upload.ItemId && r.SectionKey == upload.SectionKey
            && r.Language == upload.Language && r.RecorderId == upload.UserId, cancellationToken);
        var replaced = recording?.FileName;
        if (recording is null)
        {
            recording = new VoiceRecording
            {
                ItemId = upload.ItemId, SectionKey = upload.SectionKey, Language = upload.Language, RecorderId = upload.UserId,
                SectionHash = section.Hash, FileHash = "",
            };
            db.VoiceRecordings.Add(recording);
        }
        recording.SectionHash = section.Hash;
        recording.TeamId = team.Id;
        recording.CommuneId = team.CommuneId;
        recording.FileHash = name[..name.IndexOf('.', StringComparison.Ordinal)];
        recording.Container = check.Container;
        recording.Bytes = bytes.Length;
        recording.DurationMs = check.DurationMs;
        recording.RecordedAt = clock.GetUtcNow().UtcDateTime;
        recording.Status = VoiceStatus.Waiting;
        recording.ReviewerId = null;
        recording.ReviewNote = null;
        recording.ReviewedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await db.VoiceUploads.Where(u => u.Id == upload.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.RecordingId, recording.Id), cancellationToken);
        upload.RecordingId = recording.Id;
        await store.DeletePartAsync(upload.Id, cancellationToken);
        if (replaced is not null && replaced != recording.FileName)
        {
            await removal.DeleteUnreferencedAsync([replaced], cancellationToken);
        }
        // A reading read again waits for review: if the old one was approved, it is no longer published.
        publications.Announce([recording.ItemId]);
        return new UploadAnswer(204, upload);
    }
}
