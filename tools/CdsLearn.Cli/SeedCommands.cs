using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CdsLearn.Accounts;
using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Data;
using CdsLearn.Figures;
using CdsLearn.Geography;
using CdsLearn.Households;
using CdsLearn.Learning;
using CdsLearn.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Cli;

public sealed record DemoSeedOptions(string Scale, string? DataFolder, int Seed, string Password, string? ContentFolder);

/// <summary>`cdslearn seed demo --scale province|commune [--data DIR] [--seed N] [--password P] [--content DIR]`.</summary>
public static class SeedCommands
{
    public const int DefaultSeed = 2026;
    public const string DefaultPassword = "hocso2026";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public static Command Create(TextWriter output)
    {
        var seed = new Command("seed", "Fill a data folder with generated data");
        var scale = new Option<string>("--scale")
        {
            Description = "province: Sơn La at real size (75 communes, ≈ 300,000 households); commune: the first commune only",
            DefaultValueFactory = _ => SeedScale.Commune.Name,
        };
        scale.AcceptOnlyFromAmong([.. SeedScale.All.Select(s => s.Name)]);
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data); it must hold no data yet" };
        var randomSeed = new Option<int>("--seed") { Description = "Seed of the random generator: the same seed makes the same data", DefaultValueFactory = _ => DefaultSeed };
        var password = new Option<string>("--password") { Description = "Password of the accounts skhcn, admin, canboxa and tovien", DefaultValueFactory = _ => DefaultPassword };
        var content = new Option<string?>("--content") { Description = "The course folder (default: the nearest content/ above the current folder)" };
        var demo = new Command("demo", "A synthetic province: villages, teams, households, people, accounts, quiz attempts, certificates, assignments")
        {
            scale, data, randomSeed, password, content,
        };
        demo.SetAction((parse, ct) => DemoAsync(
            new DemoSeedOptions(parse.GetValue(scale)!, parse.GetValue(data), parse.GetValue(randomSeed), parse.GetValue(password)!, parse.GetValue(content)),
            output, ct));
        seed.Subcommands.Add(demo);
        return seed;
    }

    public static async Task<int> DemoAsync(DemoSeedOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        var scale = SeedScale.All.Single(s => s.Name == options.Scale);
        var contentFolder = Path.GetFullPath(options.ContentFolder ?? ContentServiceCollectionExtensions.ResolveFolder("", Directory.GetCurrentDirectory()));
        if (!Directory.Exists(contentFolder))
        {
            output.WriteLine($"{contentFolder}: không có thư mục khoá học này (chỉ định bằng --content DIR)");
            return 2;
        }
        var loaded = new CourseLoader(new MarkdownRenderer()).Load(contentFolder);
        if (loaded.HasErrors)
        {
            output.WriteLine($"Khoá học ở {contentFolder} có lỗi; chạy: cdslearn content lint {contentFolder}");
            return 1;
        }

        // The same migrations and seeders as the site (roles, the 75 communes), never its demo households.
        var services = await CliHost.StartAsync(options.DataFolder, [new("Seed:DemoData", "false")], cancellationToken);
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var db = provider.GetRequiredService<AppDbContext>();
        var folder = provider.GetRequiredService<DataFolder>();
        var held = await HeldDataAsync(db, cancellationToken);
        if (held is not null)
        {
            output.WriteLine($"Không tạo gì: cơ sở dữ liệu của {folder.Path} đã có dữ liệu ({held}). Dữ liệu mẫu chỉ tạo vào thư mục mới; xoá thư mục rồi chạy lại.");
            return 1;
        }

        var configuration = provider.GetRequiredService<IConfiguration>();
        var learning = configuration.GetSection(LearningOptions.Section).Get<LearningOptions>() ?? new LearningOptions();
        var certificateOptions = configuration.GetSection(CertificateOptions.Section).Get<CertificateOptions>() ?? new CertificateOptions();
        var rules = new DemoRules(loaded.Course, learning.PassPercent, certificateOptions);
        var now = provider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        var staff = await CreateStaffAsync(provider, options.Password, DemoProvince.PeriodStart(now).AddDays(-30), output);
        if (staff is null)
        {
            return 1;
        }

        output.WriteLine(Say($"Tạo dữ liệu mẫu quy mô {scale.Name} vào {folder.Path}, hạt giống {options.Seed}, khoá học {contentFolder}."));
        output.WriteLine("Ghi với PRAGMA synchronous = OFF trong lúc tạo dữ liệu thô: mất điện giữa chừng có thể hỏng tệp (khi đó xoá thư mục và chạy lại).");
        var raw = Stopwatch.StartNew();
        var communes = await WriteRawDataAsync(db, scale, rules, options.Seed, now, staff, raw, output, cancellationToken);
        raw.Stop();

        output.WriteLine("Đếm lại số liệu tổng hợp (FigureRebuilder.RebuildAllAsync)…");
        var recount = Stopwatch.StartNew();
        await provider.GetRequiredService<FigureRebuilder>().RebuildAllAsync(null, cancellationToken);
        recount.Stop();

        await WriteSummaryAsync(db, rules, now, communes, output, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var size = File.Exists(file) ? new FileInfo(file).Length + (File.Exists(file + "-wal") ? new FileInfo(file + "-wal").Length : 0) : 0;
        output.WriteLine(Say($"Thời gian: dữ liệu thô {raw.Elapsed.TotalSeconds:0.0} s; đếm lại số liệu {recount.Elapsed.TotalSeconds:0.0} s."));
        output.WriteLine(Say($"Cơ sở dữ liệu: {file}, {size / 1024.0 / 1024.0:N0} MB."));
        output.WriteLine("Đăng nhập: skhcn, admin, canboxa, tovien (mật khẩu theo --password).");
        return 0;
    }

    /// <summary>The accounts to sign in with (those of the site's demo, without the learner), made by Identity so
    /// their password hashes are real. Null, with the reason written, when Identity refuses the password.</summary>
    private static async Task<Dictionary<string, string>?> CreateStaffAsync(IServiceProvider provider, string password, DateTime createdAt, TextWriter output)
    {
        var staff = new Dictionary<string, string>();
        var userManager = provider.GetRequiredService<UserManager<AppUser>>();
        foreach (var (userName, fullName, role) in DemoDataSeeder.Accounts.Where(a => a.Role != Roles.Learner))
        {
            var user = new AppUser { UserName = userName, FullName = fullName, CreatedAt = createdAt };
            var created = await userManager.CreateAsync(user, password);
            created = created.Succeeded ? await userManager.AddToRoleAsync(user, role) : created;
            if (!created.Succeeded)
            {
                output.WriteLine($"Không tạo được tài khoản {userName}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
                return null;
            }
            staff[userName] = user.Id;
        }
        return staff;
    }

    /// <summary>Everything but the figures, straight through the DbContext's SQLite connection; returns the number of
    /// communes filled.</summary>
    private static async Task<int> WriteRawDataAsync(AppDbContext db, SeedScale scale, DemoRules rules, int seed, DateTime now,
        Dictionary<string, string> staff, Stopwatch clock, TextWriter output, CancellationToken cancellationToken)
    {
        var communes = await db.Communes.OrderBy(c => c.Id).Take(scale.Communes)
            .Select(c => new DemoCommune(c.Id, c.Name, c.Kind == CommuneKind.Phuong)).ToListAsync(cancellationToken);
        var names = await db.Communes.ToDictionaryAsync(c => c.Id, c => c.DisplayName, cancellationToken);
        var roleIds = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        var lastIds = new Dictionary<string, int>
        {
            ["Villages"] = await db.Villages.MaxAsync(v => (int?)v.Id, cancellationToken) ?? 0,
            ["Teams"] = await db.Teams.MaxAsync(t => (int?)t.Id, cancellationToken) ?? 0,
            ["Households"] = await db.Households.MaxAsync(h => (int?)h.Id, cancellationToken) ?? 0,
            ["HouseholdMembers"] = await db.HouseholdMembers.MaxAsync(m => (int?)m.Id, cancellationToken) ?? 0,
            ["Certificates"] = await db.Certificates.MaxAsync(c => (int?)c.Id, cancellationToken) ?? 0,
            ["Assignments"] = await db.Assignments.MaxAsync(a => (int?)a.Id, cancellationToken) ?? 0,
        };

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // Only while loading: no fsync per commit, and a page cache big enough for the growing indexes.
            Execute(connection, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
            using var province = new DemoProvince(connection, rules, seed, now, roleIds, lastIds);
            province.SeedProvinceTargets(staff["skhcn"]);
            var progress = province.Progress(communes);
            var total = new Totals();
            for (var i = 0; i < communes.Count; i++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var firstCommuneStaff = i == 0 ? new DemoStaff(staff["canboxa"], staff["tovien"]) : null;
                total.Add(province.Seed(communes[i], scale, progress[i], firstCommuneStaff));
                if ((i + 1) % 5 == 0 || i == communes.Count - 1)
                {
                    output.WriteLine(Say($"[{i + 1,2}/{communes.Count}] đến {names[communes[i].Id]}: {total.Villages:N0} thôn/bản, {total.Households:N0} hộ, ",
                        $"{total.People:N0} người, {total.Attempts:N0} lượt làm bài; {clock.Elapsed.TotalSeconds:0.0} s"));
                }
            }
            // Back to the platform's settings, so the recount runs as `cdslearn rollups rebuild` would.
            Execute(connection, "PRAGMA synchronous = FULL; PRAGMA cache_size = -2000;");
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return communes.Count;
    }

    /// <summary>What the database already holds, or null when it holds no villages, households or accounts.</summary>
    private static async Task<string?> HeldDataAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var households = await db.Households.CountAsync(cancellationToken);
        var villages = await db.Villages.CountAsync(cancellationToken);
        var accounts = await db.Users.CountAsync(cancellationToken);
        return households + villages + accounts == 0 ? null : Say($"{households:N0} hộ, {villages:N0} thôn/bản, {accounts:N0} tài khoản");
    }

    private static async Task WriteSummaryAsync(AppDbContext db, DemoRules rules, DateTime now, int communesSeeded, TextWriter output, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var today = VietnamTime.DateOf(now);
        var since = now.AddDays(-30);
        var households = await db.Households.CountAsync(ct);
        var covered = await db.Households.WhereCovered(db).CountAsync(ct);
        var adults = db.HouseholdMembers.Where(m => m.BirthYear >= today.Year - 65 && m.BirthYear <= today.Year - 15);
        var adultCount = await adults.CountAsync(ct);
        var adultAccounts = await adults.CountAsync(m => m.UserId != null, ct);
        var byRole = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            group ur by r.Name into g
                            select new { Role = g.Key!, Count = g.Count() }).ToDictionaryAsync(g => g.Role, g => g.Count, ct);
        var bySkill = await db.Certificates.GroupBy(c => c.SkillId).Select(g => new { Skill = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Skill, g => g.Count, ct);
        var skills = rules.Course.Skills.Select(s => s.Id).Append(Certificate.DigitalCitizen).ToList();
        var activeWorkers = await db.TeamMembers.Where(m => m.LastActiveAt >= since).Select(m => m.UserId).Distinct().CountAsync(ct);

        output.WriteLine(Say($"Xã/phường có dữ liệu: {communesSeeded:N0} / {await db.Communes.CountAsync(ct):N0}"));
        output.WriteLine(Say($"Thôn/bản/tổ dân phố: {await db.Villages.CountAsync(ct):N0}; tổ CNSCĐ: {await db.Teams.CountAsync(ct):N0}"));
        output.WriteLine(Say($"Hộ gia đình: {households:N0}; đã phủ (có người giữ chứng nhận Công dân số): {covered:N0} = {Percent(covered, households)}"));
        output.WriteLine(Say($"Người: {await db.HouseholdMembers.CountAsync(ct):N0}; người 15–65 tuổi có tài khoản: {adultAccounts:N0} / {adultCount:N0} = {Percent(adultAccounts, adultCount)}"));
        output.WriteLine(Say($"Tài khoản: {await db.Users.CountAsync(ct):N0} (người học {byRole.GetValueOrDefault(Roles.Learner):N0}, ",
            $"tổ viên {byRole.GetValueOrDefault(Roles.TeamMember):N0}, cán bộ xã {byRole.GetValueOrDefault(Roles.CommuneOfficer):N0}, ",
            $"SKHCN {byRole.GetValueOrDefault(Roles.ProvinceStaff):N0}, quản trị {byRole.GetValueOrDefault(Roles.Admin):N0})"));
        output.WriteLine(Say($"Lượt làm bài: {await db.QuizAttempts.CountAsync(ct):N0} (đạt {await db.QuizAttempts.CountAsync(a => a.Passed, ct):N0}, ",
            $"học cùng tổ {await db.QuizAttempts.CountAsync(a => a.AssistedByUserId != null, ct):N0})"));
        output.WriteLine(Say($"Làm thử chấm điểm: {await db.PracticeAttempts.CountAsync(ct):N0} lượt (đạt {await db.PracticeAttempts.CountAsync(a => a.Passed, ct):N0}); ",
            $"việc thật Tổ xác nhận: {await db.TaskObservations.CountAsync(ct):N0}"));
        output.WriteLine("Chứng nhận: " + string.Join("; ", skills.Concat(bySkill.Keys.Except(skills)).Select(s => Say($"{s} {bySkill.GetValueOrDefault(s):N0}"))));
        output.WriteLine(Say($"Phân công: {await db.Assignments.CountAsync(ct):N0} (xong {await db.Assignments.CountAsync(a => a.DoneAt != null, ct):N0}, ",
            $"quá hạn {await db.Assignments.CountAsync(a => a.DoneAt == null && a.DueOn < today, ct):N0})"));
        output.WriteLine(Say($"Tổ viên hoạt động trong 30 ngày: {activeWorkers:N0}; mục tiêu quý: {await db.QuarterTargets.CountAsync(ct):N0}; ",
            $"ghi chú báo cáo quý: {await db.CommuneReportNotes.CountAsync(ct):N0}"));
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Percent(int part, int whole) => Say($"{(whole == 0 ? 0 : 100.0 * part / whole):0.0} %");

    /// <summary>Numbers as read in Vietnam: 1.300.000 and 12,5.</summary>
    private static string Say(params FormattableString[] parts) => string.Concat(parts.Select(p => p.ToString(Vietnamese)));

    private sealed class Totals
    {
        public int Villages { get; private set; }
        public int Households { get; private set; }
        public int People { get; private set; }
        public int Attempts { get; private set; }

        public void Add(DemoCommuneResult commune)
        {
            Villages += commune.Villages;
            Households += commune.Households;
            People += commune.People;
            Attempts += commune.Attempts;
        }
    }
}
