using System.CommandLine;
using System.Security.Cryptography;
using CdsLearn.Accounts;
using CdsLearn.Data;
using CdsLearn.Geography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Cli;

/// <summary>
/// `cdslearn users add`: the accounts a new province starts from (province staff, an admin, commune officers), which
/// no page can make: sign-up makes learners, and commune officers make team members.
/// </summary>
public static class UserCommands
{
    private static readonly string[] Creatable = [Roles.ProvinceStaff, Roles.Admin, Roles.CommuneOfficer];

    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var users = new Command("users", "Accounts of province staff, admins and commune officers");
        var data = new Option<string?>("--data") { Description = "The data folder (default: CDSLEARN_DATA or ./data)" };
        var user = new Option<string>("--user") { Description = "User name to sign in with", Required = true };
        var name = new Option<string>("--name") { Description = "Full name, as shown on the site", Required = true };
        var role = new Option<string>("--role") { Description = "ProvinceStaff, Admin or CommuneOfficer", Required = true };
        var commune = new Option<string?>("--commune") { Description = "For a commune officer: the commune's name, e.g. \"Chiềng Mai\"" };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from the first line of standard input (else one is generated and printed once)" };
        var add = new Command("add", "Create an account with a role") { data, user, name, role, commune, passwordStdin };
        add.SetAction((parse, ct) => AddAsync(
            new NewAccount(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(commune)),
            parse.GetValue(passwordStdin) ? input.ReadLine() ?? "" : null,
            parse.GetValue(data), output, error, ct));
        users.Subcommands.Add(add);
        return users;
    }

    public sealed record NewAccount(string UserName, string FullName, string Role, string? Commune);

    /// <summary>Creates the account, or says every reason it cannot (in Vietnamese) and creates nothing.</summary>
    public static async Task<int> AddAsync(NewAccount account, string? password, string? dataFolder, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var role = Creatable.FirstOrDefault(r => string.Equals(r, account.Role.Trim(), StringComparison.OrdinalIgnoreCase));
        if (role is null)
        {
            error.WriteLine($"Vai trò \"{account.Role}\" không tạo được ở đây: chọn {string.Join(", ", Creatable)}.");
            return 1;
        }
        if (role == Roles.CommuneOfficer && string.IsNullOrWhiteSpace(account.Commune))
        {
            error.WriteLine("Cán bộ xã cần --commune: tên xã/phường của mình.");
            return 1;
        }
        if (role != Roles.CommuneOfficer && !string.IsNullOrWhiteSpace(account.Commune))
        {
            error.WriteLine("Chỉ cán bộ xã mới gắn với một xã/phường (--commune).");
            return 1;
        }
        var services = await CliHost.StartAsync(dataFolder, cancellationToken);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Commune? place = null;
        if (role == Roles.CommuneOfficer)
        {
            var wanted = account.Commune!.Trim();
            place = await db.Communes.SingleOrDefaultAsync(c => c.Name == wanted, cancellationToken);
            if (place is null)
            {
                error.WriteLine($"Không có xã/phường \"{wanted}\" trong tỉnh (viết đúng dấu, không kèm \"Xã\"/\"Phường\").");
                return 1;
            }
        }
        var generated = password is null;
        password ??= NewPassword();

        var strategy = db.Database.CreateExecutionStrategy();
        var errors = await strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var user = new AppUser { UserName = account.UserName.Trim(), FullName = account.FullName.Trim(), CreatedAt = DateTime.UtcNow };
            var result = await userManager.CreateAsync(user, password);
            if (result.Succeeded)
            {
                result = await userManager.AddToRoleAsync(user, role);
            }
            if (!result.Succeeded)
            {
                return result.Errors.Select(e => e.Description).ToList();
            }
            if (place is not null)
            {
                db.CommuneOfficers.Add(new CommuneOfficer { CommuneId = place.Id, UserId = user.Id });
                await db.SaveChangesAsync(ct);
            }
            await transaction.CommitAsync(ct);
            return [];
        }, cancellationToken);
        if (errors.Count > 0)
        {
            foreach (var message in errors)
            {
                error.WriteLine(message);
            }
            return 1;
        }
        output.WriteLine($"Đã tạo tài khoản {account.UserName.Trim()} ({role}{(place is null ? "" : ", " + place.DisplayName)}).");
        if (generated)
        {
            output.WriteLine($"Mật khẩu (chỉ hiện lần này, hãy đổi sau khi đăng nhập): {password}");
        }
        return 0;
    }

    /// <summary>Twelve characters from an alphabet without look-alikes (no 0/O, 1/l/I), easy to read out on the phone.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyz23456789";
        return RandomNumberGenerator.GetString(alphabet, 12);
    }
}
