using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Households;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Figures;

/// <summary>The targets a scope sees for a quarter (the province's and its communes'), and the communes it sees.</summary>
public sealed record VisibleTargets(IReadOnlyList<(int Id, string Name)> Communes, IReadOnlyList<QuarterTarget> Targets)
{
    public string PlaceOf(int? communeId) => communeId is null ? "Toàn tỉnh" : Communes.FirstOrDefault(c => c.Id == communeId).Name ?? "";
}

/// <summary>What came of setting or removing a target: refused (the place is not the user's to set: nothing said
/// about it), or refused with what was wrong (by field of the target: <c>SkillId</c>, or "" for the whole), or done.</summary>
public sealed record TargetChange(bool Allowed, IReadOnlyList<(string Field, string Message)> Errors)
{
    public static TargetChange Done { get; } = new(true, []);

    public static TargetChange NotAllowed { get; } = new(false, []);

    public bool Succeeded => Allowed && Errors.Count == 0;
}

/// <summary>
/// The quarter's focus skills and targets, and who may set them: province staff set the province's own (for every
/// commune) and any commune's; a commune's officers set their commune's; nobody changes a past quarter's.
/// </summary>
public sealed class QuarterTargets(Dashboard dashboard, CourseCatalog catalog, AppDbContext db, TimeProvider clock)
{
    public const string PastQuarter = "Không sửa chỉ tiêu của quý đã qua.";

    /// <summary>The province's targets and those of the communes the scope sees: the province's first, then by place and skill.</summary>
    public async Task<VisibleTargets> ForAsync(Scope scope, Quarter quarter, CancellationToken cancellationToken = default)
    {
        var communes = await dashboard.VisibleCommunesAsync(scope, cancellationToken);
        var visible = communes.Select(c => c.Id).ToHashSet();
        var shown = new VisibleTargets(communes, []);
        var targets = (await dashboard.TargetsAsync(quarter, cancellationToken))
            .Where(t => t.CommuneId is null || visible.Contains(t.CommuneId.Value))
            .OrderBy(t => t.CommuneId is not null).ThenBy(t => shown.PlaceOf(t.CommuneId)).ThenBy(t => t.SkillId).ToList();
        return shown with { Targets = targets };
    }

    /// <summary>Province staff set the province's targets; a commune's targets are set by those who manage that
    /// commune, and only for a commune that exists (one they can see).</summary>
    public static bool MaySet(Scope scope, int? communeId, IReadOnlyList<(int Id, string Name)> visibleCommunes) => communeId is null
        ? scope.WholeProvince
        : scope.ManagesCommune(communeId.Value) && visibleCommunes.Any(c => c.Id == communeId);

    /// <summary>The skills a target can name: each skill of the course, and "Công dân số".</summary>
    public bool IsTargetSkill(string skillId) =>
        skillId == Certificate.DigitalCitizen || catalog.Current.Skills.Any(s => s.Id == skillId);

    /// <summary>Sets (or changes) the place's target for the skill in the quarter.</summary>
    public async Task<TargetChange> SetAsync(Scope scope, Quarter quarter, int? communeId, string skillId, int percent, string userId,
        CancellationToken cancellationToken = default)
    {
        if (!MaySet(scope, communeId, await dashboard.VisibleCommunesAsync(scope, cancellationToken)))
        {
            return TargetChange.NotAllowed;
        }
        var errors = new List<(string, string)>();
        if (!IsTargetSkill(skillId))
        {
            errors.Add((nameof(QuarterTarget.SkillId), "Kỹ năng không có trong khoá học."));
        }
        if (percent is < 1 or > 100)
        {
            errors.Add((nameof(QuarterTarget.Percent), "Chỉ tiêu phải từ 1 đến 100 %."));
        }
        if (IsPast(quarter))
        {
            errors.Add(("", PastQuarter));
        }
        if (errors.Count > 0)
        {
            return new TargetChange(true, errors);
        }
        var existing = await db.QuarterTargets.SingleOrDefaultAsync(t => t.Quarter == quarter.Key && t.CommuneId == communeId && t.SkillId == skillId, cancellationToken);
        if (existing is null)
        {
            db.QuarterTargets.Add(existing = new QuarterTarget { Quarter = quarter.Key, CommuneId = communeId, SkillId = skillId, SetByUserId = "" });
        }
        existing.Percent = percent;
        existing.SetByUserId = userId;
        existing.SetAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return TargetChange.Done;
    }

    /// <summary>Removes a target of a place the user may set, in this quarter or a later one.</summary>
    public async Task<TargetChange> RemoveAsync(Scope scope, int targetId, CancellationToken cancellationToken = default)
    {
        var target = await db.QuarterTargets.SingleOrDefaultAsync(t => t.Id == targetId, cancellationToken);
        if (target is null || !MaySet(scope, target.CommuneId, await dashboard.VisibleCommunesAsync(scope, cancellationToken)))
        {
            return TargetChange.NotAllowed;
        }
        if (IsPast(Quarter.FromKey(target.Quarter)))
        {
            return new TargetChange(true, [("", PastQuarter)]);
        }
        db.QuarterTargets.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        return TargetChange.Done;
    }

    private bool IsPast(Quarter quarter) => quarter.Key < dashboard.CurrentQuarter.Key;
}
