using CdsLearn.Data;
using CdsLearn.Geography;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Imports;

/// <summary>
/// Imports communes and villages from a UTF-8 CSV file: one row per village (or per commune, with the village left empty).
/// Columns: commune, kind (xã | phường), official_households (optional), village (optional), village_kind (optional,
/// default "bản"). Matching is by name, so importing the same file again updates and never duplicates.
/// </summary>
public sealed class GeographyImporter(AppDbContext db)
{
    public static readonly string[] Required = ["commune", "kind"];
    public static readonly string[] Optional = ["official_households", "village", "village_kind", "former_district"];

    private sealed record CommuneRow(int Line, string Name, CommuneKind Kind, int? OfficialHouseholds, string? FormerDistrict);

    private sealed record VillageRow(int Line, string Commune, string Name, string Kind);

    public async Task<ImportReport> ImportAsync(Stream csv, CancellationToken cancellationToken = default)
    {
        var (rows, problems) = await CsvRows.ReadAsync(csv, Required, Optional, cancellationToken);
        var communes = new Dictionary<string, CommuneRow>(StringComparer.OrdinalIgnoreCase);
        var villages = new Dictionary<(string, string), VillageRow>();
        var checkedProblems = problems.ToList();
        foreach (var row in rows)
        {
            var rowProblems = new List<string>();
            var name = row.Get("commune");
            if (name.Length == 0)
            {
                rowProblems.Add("thiếu tên xã/phường");
            }
            else if (name.Length > 100)
            {
                rowProblems.Add("tên xã/phường dài quá 100 ký tự");
            }
            CommuneKind? kind = row.Get("kind").ToLowerInvariant() switch
            {
                "xã" => CommuneKind.Xa,
                "phường" => CommuneKind.Phuong,
                _ => null,
            };
            if (kind is null)
            {
                rowProblems.Add($"loại \"{row.Get("kind")}\" không hợp lệ, phải là \"xã\" hoặc \"phường\"");
            }
            if (!CsvRows.TryParseCount(row.Get("official_households"), out var official))
            {
                rowProblems.Add($"số hộ \"{row.Get("official_households")}\" không phải số nguyên không âm");
            }
            var village = row.Get("village");
            if (village.Length > 100)
            {
                rowProblems.Add("tên bản/tổ dân phố dài quá 100 ký tự");
            }
            var villageKind = row.Get("village_kind") is { Length: > 0 } vk ? vk : "bản";
            if (village.Length == 0 && row.Get("village_kind").Length > 0)
            {
                rowProblems.Add("có loại bản nhưng thiếu tên bản");
            }
            if (rowProblems.Count == 0)
            {
                var former = row.Get("former_district") is { Length: > 0 } f ? f : null;
                var commune = new CommuneRow(row.Line, name, kind!.Value, official, former);
                if (communes.TryGetValue(name, out var earlier))
                {
                    if (earlier.Kind != commune.Kind || (official is not null && earlier.OfficialHouseholds is not null && official != earlier.OfficialHouseholds))
                    {
                        rowProblems.Add($"{name} đã có ở dòng {earlier.Line} với loại hoặc số hộ khác");
                    }
                    else if (official is not null && earlier.OfficialHouseholds is null)
                    {
                        communes[name] = earlier with { OfficialHouseholds = official };
                    }
                }
                else
                {
                    communes[name] = commune;
                }
                if (village.Length > 0)
                {
                    var key = (name.ToLowerInvariant(), village.ToLowerInvariant());
                    if (villages.TryGetValue(key, out var earlierVillage))
                    {
                        rowProblems.Add($"{village} ({name}) đã có ở dòng {earlierVillage.Line}");
                    }
                    else
                    {
                        villages[key] = new VillageRow(row.Line, name, village, villageKind);
                    }
                }
            }
            checkedProblems.AddRange(rowProblems.Select(p => new ImportProblem(row.Line, p)));
        }
        if (checkedProblems.Count > 0)
        {
            return ImportReport.Rejected(checkedProblems);
        }
        if (communes.Count == 0)
        {
            return ImportReport.Rejected([new ImportProblem(1, "Tệp không có dòng dữ liệu nào.")]);
        }
        return await ApplyAsync(communes.Values, villages.Values, cancellationToken);
    }

    private async Task<ImportReport> ApplyAsync(IEnumerable<CommuneRow> communeRows, IEnumerable<VillageRow> villageRows, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            int added = 0, updated = 0, unchanged = 0;
            var existing = await db.Communes.Include(c => c.Villages).ToListAsync(ct);
            var byName = existing.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
            foreach (var row in communeRows)
            {
                if (!byName.TryGetValue(row.Name, out var commune))
                {
                    commune = new Commune { Name = row.Name, Kind = row.Kind, OfficialHouseholds = row.OfficialHouseholds, FormerDistrict = row.FormerDistrict };
                    db.Communes.Add(commune);
                    byName[row.Name] = commune;
                    added++;
                }
                else if (commune.Kind != row.Kind
                    || (row.OfficialHouseholds is not null && commune.OfficialHouseholds != row.OfficialHouseholds)
                    || (row.FormerDistrict is not null && commune.FormerDistrict != row.FormerDistrict))
                {
                    commune.Kind = row.Kind;
                    commune.OfficialHouseholds = row.OfficialHouseholds ?? commune.OfficialHouseholds;
                    commune.FormerDistrict = row.FormerDistrict ?? commune.FormerDistrict;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            foreach (var row in villageRows)
            {
                var commune = byName[row.Commune];
                var village = commune.Villages.FirstOrDefault(v => string.Equals(v.Name, row.Name, StringComparison.OrdinalIgnoreCase));
                if (village is null)
                {
                    commune.Villages.Add(new Village { Name = row.Name, Kind = row.Kind });
                    added++;
                }
                else if (village.Kind != row.Kind)
                {
                    village.Kind = row.Kind;
                    updated++;
                }
                else
                {
                    unchanged++;
                }
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new ImportReport([], added, updated, unchanged);
        }, cancellationToken);
    }
}
