using CdsLearn.Data;
using CdsLearn.Households;
using CdsLearn.Rules;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Imports;

/// <summary>
/// Imports households from a UTF-8 CSV file, one row per person: commune, village, household_code, head_name, and optionally
/// member_name, birth_year, phone (a row without member_name adds the household with just its head). The head is
/// always a member. Every village must exist and lie in the importer's scope; a household code already used in its
/// village is refused. Any bad row rejects the whole file.
/// </summary>
public sealed class HouseholdImporter(AppDbContext db, HouseholdEditor editor, TimeProvider clock)
{
    public static readonly string[] Required = ["commune", "village", "household_code", "head_name"];
    public static readonly string[] Optional = ["member_name", "birth_year", "phone", "head_birth_year"];

    private sealed class Draft(int line, int villageId, string code, string head)
    {
        public int Line { get; } = line;
        public int VillageId { get; } = villageId;
        public string Code { get; } = code;
        public string Head { get; } = head;
        public int? HeadBirthYear { get; set; }
        public List<MemberInput> Members { get; } = [];
    }

    public async Task<ImportReport> ImportAsync(Stream csv, Scope scope, string? byUserId, CancellationToken cancellationToken = default)
    {
        var (rows, readProblems) = await CsvRows.ReadAsync(csv, Required, Optional, cancellationToken);
        var problems = readProblems.ToList();
        var villages = (await scope.Villages(db).Select(v => new { v.Id, v.Name, Commune = v.Commune!.Name }).ToListAsync(cancellationToken))
            .ToDictionary(v => (Fold(v.Commune), Fold(v.Name)), v => v.Id);
        var existingCodes = (await scope.Households(db).Select(h => new { h.VillageId, h.Code }).ToListAsync(cancellationToken))
            .Select(h => (h.VillageId, Fold(h.Code))).ToHashSet();
        var drafts = new Dictionary<(int, string), Draft>();
        var thisYear = VietnamTime.ThisYear(clock);
        foreach (var row in rows)
        {
            var errors = new List<string>();
            var (commune, village, code, head) = (row.Get("commune"), row.Get("village"), row.Get("household_code"), row.Get("head_name"));
            foreach (var (value, what) in new[] { (commune, "xã/phường"), (village, "bản"), (code, "mã hộ"), (head, "tên chủ hộ") })
            {
                if (value.Length == 0)
                {
                    errors.Add($"thiếu {what}");
                }
            }
            if (code.Length > 30)
            {
                errors.Add("mã hộ dài quá 30 ký tự");
            }
            if (head.Length > 100 || row.Get("member_name").Length > 100)
            {
                errors.Add("họ tên dài quá 100 ký tự");
            }
            var birthYear = Year(row.Get("birth_year"), thisYear, errors);
            var headBirthYear = Year(row.Get("head_birth_year"), thisYear, errors);
            var phone = row.Get("phone");
            if (phone.Length > 0 && (phone.Count(char.IsDigit) is < 8 or > 15 || phone.Any(c => !char.IsDigit(c) && c is not ' ' and not '.' and not '-' and not '+')))
            {
                errors.Add($"số điện thoại \"{phone}\" không hợp lệ");
            }
            if (phone.Length > 0 && row.Get("member_name").Length == 0)
            {
                errors.Add("có số điện thoại nhưng thiếu tên người (member_name)");
            }
            int villageId = 0;
            if (commune.Length > 0 && village.Length > 0 && !villages.TryGetValue((Fold(commune), Fold(village)), out villageId))
            {
                errors.Add($"không có {village} ({commune}) trong phạm vi bạn quản lý");
            }
            if (errors.Count == 0)
            {
                var key = (villageId, Fold(code));
                Draft? draft = null;
                if (existingCodes.Contains(key))
                {
                    errors.Add($"{village} đã có hộ mã {code}");
                }
                else if (drafts.TryGetValue(key, out draft))
                {
                    if (Fold(draft.Head) != Fold(head))
                    {
                        errors.Add($"hộ mã {code} ở dòng {draft.Line} có chủ hộ khác ({draft.Head})");
                    }
                }
                else
                {
                    drafts[key] = draft = new Draft(row.Line, villageId, code, head);
                }
                if (errors.Count == 0)
                {
                    draft!.HeadBirthYear ??= headBirthYear;
                    var member = row.Get("member_name");
                    if (member.Length > 0 && Fold(member) != Fold(head))
                    {
                        draft.Members.Add(new MemberInput(member, birthYear, phone.Length > 0 ? phone : null));
                    }
                    else if (member.Length > 0)
                    {
                        draft.HeadBirthYear ??= birthYear;
                    }
                }
            }
            problems.AddRange(errors.Select(e => new ImportProblem(row.Line, e)));
        }
        if (problems.Count > 0)
        {
            return ImportReport.Rejected(problems);
        }
        if (drafts.Count == 0)
        {
            return ImportReport.Rejected([new ImportProblem(1, "Tệp không có dòng dữ liệu nào.")]);
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var joinCodes = new HashSet<string>();
            foreach (var draft in drafts.Values)
            {
                string joinCode;
                do
                {
                    joinCode = await editor.NewJoinCodeAsync(ct);
                }
                while (!joinCodes.Add(joinCode));
                var household = new Household { VillageId = draft.VillageId, Code = draft.Code, HeadName = draft.Head, JoinCode = joinCode, CreatedAt = now, CreatedByUserId = byUserId };
                household.Members.Add(new HouseholdMember { FullName = draft.Head, BirthYear = draft.HeadBirthYear });
                household.Members.AddRange(draft.Members.Select(m => new HouseholdMember
                {
                    FullName = m.FullName,
                    BirthYear = m.BirthYear,
                    Phone = m.Phone is null ? null : new string(m.Phone.Where(c => char.IsDigit(c) || c == '+').ToArray()),
                }));
                HouseholdEditor.Refresh(household);
                db.Households.Add(household);
            }
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return new ImportReport([], drafts.Count, 0, 0);
        }, cancellationToken);
    }

    private static string Fold(string text) => SearchText.Fold(text);

    private static int? Year(string value, int thisYear, List<string> errors)
    {
        if (value.Length == 0)
        {
            return null;
        }
        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year) && year >= 1900 && year <= thisYear)
        {
            return year;
        }
        errors.Add($"năm sinh \"{value}\" không hợp lệ (từ 1900 đến {thisYear})");
        return null;
    }
}
