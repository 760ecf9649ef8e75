using CdsLearn.Audit;
using CdsLearn.Data;
using CdsLearn.Geography;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Channels;

/// <summary>The province's default feedback channel ("Kênh của xã" falls back to it when a commune has none): one row.</summary>
public class ProvinceChannel
{
    public const int TheRow = 1;

    public int Id { get; set; } = TheRow;
    public string? FeedbackUrl { get; set; }
    public string? FeedbackText { get; set; }
}

/// <summary>What the province or a commune fills in: the commune's Zalo (official account or group) and its feedback
/// channel, as a link and/or a short text. Empty means "not given".</summary>
public sealed record ChannelSettings(string? ZaloUrl, string? FeedbackUrl, string? FeedbackText)
{
    /// <summary>The same settings, trimmed, blanks as null.</summary>
    public ChannelSettings Normalized() => new(Clean(ZaloUrl), Clean(FeedbackUrl), Clean(FeedbackText));

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A team of the commune as the public sees it: its name and its village (no members' names or phones).</summary>
public sealed record TeamContact(string Name, string? Village, bool InOwnVillage);

/// <summary>What the "Kênh của xã" box shows for one commune.</summary>
/// <param name="FeedbackFromProvince">The commune gave no feedback channel; the province's default is shown.</param>
public sealed record CommuneChannels(
    int CommuneId, string CommuneName, string? ZaloUrl, string? FeedbackUrl, string? FeedbackText, bool FeedbackFromProvince,
    IReadOnlyList<TeamContact> Teams)
{
    public bool HasFeedback => FeedbackUrl is not null || FeedbackText is not null;

    /// <summary>Everything the box shows, for a page's ETag: a change of settings must not hide behind a 304.</summary>
    public string Fingerprint => string.Join('\u001f', new[] { CommuneId.ToString(System.Globalization.CultureInfo.InvariantCulture), CommuneName, ZaloUrl, FeedbackUrl, FeedbackText }
        .Concat(Teams.Select(t => $"{t.Name}|{t.Village}|{t.InOwnVillage}")));
}

/// <summary>The rules of the settings, in one place: https links only, and short.</summary>
public static class ChannelRules
{
    public const int MaxUrlLength = 300;
    public const int MaxTextLength = 300;

    /// <summary>Field errors in Vietnamese, by the settings' property name; none when the settings may be stored.</summary>
    public static IReadOnlyList<(string Field, string Message)> Validate(ChannelSettings settings)
    {
        var s = settings.Normalized();
        var errors = new List<(string, string)>();
        CheckUrl(nameof(ChannelSettings.ZaloUrl), "Đường dẫn Zalo", s.ZaloUrl, errors);
        CheckUrl(nameof(ChannelSettings.FeedbackUrl), "Đường dẫn nơi phản ánh", s.FeedbackUrl, errors);
        if (s.FeedbackText is { Length: > MaxTextLength } text)
        {
            errors.Add((nameof(ChannelSettings.FeedbackText), $"Lời hướng dẫn phản ánh dài {text.Length} ký tự; tối đa {MaxTextLength} ký tự."));
        }
        return errors;
    }

    /// <summary>An absolute https address with a real host name and no user name in it ("https://zalo.me@lua-dao.top"
    /// would open lua-dao.top).</summary>
    public static bool IsSafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttps
        && string.IsNullOrEmpty(uri.UserInfo)
        && uri.Host.Contains('.', StringComparison.Ordinal)
        && !url.Any(char.IsWhiteSpace);

    private static void CheckUrl(string field, string label, string? url, List<(string, string)> errors)
    {
        if (url is null)
        {
            return;
        }
        if (url.Length > MaxUrlLength)
        {
            errors.Add((field, $"{label} dài {url.Length} ký tự; tối đa {MaxUrlLength} ký tự."));
        }
        else if (!IsSafeLink(url))
        {
            errors.Add((field, $"{label} phải là một địa chỉ bắt đầu bằng https:// (ví dụ https://zalo.me/...), không có dấu cách."));
        }
    }
}

/// <summary>Reads and stores the communes' channels. Who may change a commune's is decided by the caller loading the
/// commune through <see cref="Households.Scope.ManagedCommunes"/>; this only stores, and records who did it.</summary>
public sealed class ChannelService(AppDbContext db, AuditLog audit)
{
    /// <summary>Every commune of the province, by name, for the picker.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> CommunesAsync(CancellationToken cancellationToken = default) =>
        (await db.Communes.AsNoTracking().Select(c => new { c.Id, c.Kind, c.Name }).ToListAsync(cancellationToken))
            .Select(c => (c.Id, Commune.DisplayNameOf(c.Kind, c.Name)))
            .OrderBy(c => c.Item2, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .ToList();

    /// <summary>A commune's channels (the province's default feedback channel when it has none), or null when there
    /// is no such commune. <paramref name="ownVillageId"/>: the reader's village, whose team comes first.</summary>
    public async Task<CommuneChannels?> ForCommuneAsync(int communeId, int? ownVillageId = null, CancellationToken cancellationToken = default)
    {
        if (await CommuneOf(db, communeId, cancellationToken) is not { } commune)
        {
            return null;
        }
        var teams = await TeamsOf(db, communeId).ToListAsync(cancellationToken);
        var contacts = teams
            .Select(t => new TeamContact(t.Name, t.Village, ownVillageId is not null && t.VillageId == ownVillageId))
            .OrderByDescending(t => t.InOwnVillage).ThenBy(t => t.Village is not null).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
        var feedbackUrl = commune.FeedbackUrl;
        var feedbackText = commune.FeedbackText;
        var fromProvince = false;
        if (feedbackUrl is null && feedbackText is null
            && await ProvinceRow(db, cancellationToken) is { } province
            && (province.FeedbackUrl is not null || province.FeedbackText is not null))
        {
            (feedbackUrl, feedbackText, fromProvince) = (province.FeedbackUrl, province.FeedbackText, true);
        }
        return new CommuneChannels(commune.Id, commune.DisplayName, commune.ZaloUrl, feedbackUrl, feedbackText, fromProvince, contacts);
    }

    /// <summary>The channels of the commune of the learner's household, or null when they belong to none.</summary>
    public async Task<CommuneChannels?> ForLearnerAsync(string userId, CancellationToken cancellationToken = default)
    {
        var home = await HomeOf(db, userId, cancellationToken);
        return home is null ? null : await ForCommuneAsync(home.CommuneId, home.Id, cancellationToken);
    }

    // Compiled once: a signed-in learner's lessons that point to the commune's channels ask all four.
    private static readonly Func<AppDbContext, string, CancellationToken, Task<Village?>> HomeOf = EF.CompileAsyncQuery(
        (AppDbContext db, string userId, CancellationToken _) =>
            (from m in db.HouseholdMembers
             where m.UserId == userId
             join h in db.Households on m.HouseholdId equals h.Id
             join v in db.Villages.AsNoTracking() on h.VillageId equals v.Id
             orderby m.Id
             select v).FirstOrDefault());

    private static readonly Func<AppDbContext, int, CancellationToken, Task<Commune?>> CommuneOf = EF.CompileAsyncQuery(
        (AppDbContext db, int communeId, CancellationToken _) => db.Communes.AsNoTracking().SingleOrDefault(c => c.Id == communeId));

    private static readonly Func<AppDbContext, int, IAsyncEnumerable<TeamRow>> TeamsOf = EF.CompileAsyncQuery(
        (AppDbContext db, int communeId) =>
            from t in db.Teams.AsNoTracking()
            where t.CommuneId == communeId
            join v in db.Villages on t.VillageId equals v.Id into villages
            from v in villages.DefaultIfEmpty()
            select new TeamRow(t.Name, t.VillageId, v == null ? null : v.Name));

    private static readonly Func<AppDbContext, CancellationToken, Task<ProvinceChannel?>> ProvinceRow = EF.CompileAsyncQuery(
        (AppDbContext db, CancellationToken _) => db.ProvinceChannels.AsNoTracking().SingleOrDefault(p => p.Id == ProvinceChannel.TheRow));

    private sealed record TeamRow(string Name, int? VillageId, string? Village);

    public async Task<ChannelSettings> ProvinceDefaultAsync(CancellationToken cancellationToken = default) =>
        await db.ProvinceChannels.AsNoTracking().Where(p => p.Id == ProvinceChannel.TheRow)
            .Select(p => new ChannelSettings(null, p.FeedbackUrl, p.FeedbackText)).SingleOrDefaultAsync(cancellationToken)
        ?? new ChannelSettings(null, null, null);

    /// <summary>Stores a commune's settings (already validated by <see cref="ChannelRules.Validate"/>); the commune
    /// must have been loaded through the user's scope.</summary>
    public async Task SaveAsync(Commune commune, ChannelSettings settings, string byUserId, CancellationToken cancellationToken = default)
    {
        var s = Checked(settings);
        commune.ZaloUrl = s.ZaloUrl;
        commune.FeedbackUrl = s.FeedbackUrl;
        commune.FeedbackText = s.FeedbackText;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(byUserId, "channels.edit", $"commune:{commune.Id}", cancellationToken);
    }

    /// <summary>Stores the province's default feedback channel (province staff only: the caller checks).</summary>
    public async Task SaveProvinceDefaultAsync(ChannelSettings settings, string byUserId, CancellationToken cancellationToken = default)
    {
        var s = Checked(settings);
        var row = await db.ProvinceChannels.SingleOrDefaultAsync(p => p.Id == ProvinceChannel.TheRow, cancellationToken);
        if (row is null)
        {
            db.ProvinceChannels.Add(row = new ProvinceChannel());
        }
        row.FeedbackUrl = s.FeedbackUrl;
        row.FeedbackText = s.FeedbackText;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(byUserId, "channels.edit", "province", cancellationToken);
    }

    private static ChannelSettings Checked(ChannelSettings settings)
    {
        if (ChannelRules.Validate(settings).Count > 0)
        {
            throw new ArgumentException("channel settings not valid", nameof(settings));
        }
        return settings.Normalized();
    }
}
