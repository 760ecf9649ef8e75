using System.CommandLine;
using CdsLearn.Accounts;
using CdsLearn.Cli;
using CdsLearn.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Cli;

/// <summary>A new province's first accounts: made from the command line, because no page can make them.</summary>
public sealed class UserCommandsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var root = new RootCommand { UserCommands.Create(new StringReader(stdin), output, error) };
        var exit = await root.Parse(["users", "add", "--data", folder, .. args]).InvokeAsync(cancellationToken: Ct);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ProvinceStaffAndACommuneOfficerAreCreatedAndCanSignIn()
    {
        var staff = await RunAsync("", "--user", "skhcn.sonla", "--name", "Lò Thị Tỉnh", "--role", "ProvinceStaff");
        Assert.True(staff.Exit == 0, staff.Error);
        var password = staff.Output.Split(": ")[^1].Trim();
        Assert.Equal(12, password.Length);

        var officer = await RunAsync("mat-khau-can-bo\n", "--user", "canbo.chiengmai", "--name", "Quàng Văn Xã", "--role", "communeofficer", "--commune", "Chiềng Mai", "--password-stdin");
        Assert.True(officer.Exit == 0, officer.Error);
        Assert.Contains("Xã Chiềng Mai", officer.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Mật khẩu", officer.Output, StringComparison.Ordinal);

        var services = await CliHost.StartAsync(folder, Ct);
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var staffUser = (await users.FindByNameAsync("skhcn.sonla"))!;
        Assert.True(await users.CheckPasswordAsync(staffUser, password));
        Assert.Equal([Roles.ProvinceStaff], await users.GetRolesAsync(staffUser));
        var officerUser = (await users.FindByNameAsync("canbo.chiengmai"))!;
        Assert.True(await users.CheckPasswordAsync(officerUser, "mat-khau-can-bo"));
        Assert.Equal([Roles.CommuneOfficer], await users.GetRolesAsync(officerUser));
        var commune = await db.CommuneOfficers.Where(o => o.UserId == officerUser.Id).Select(o => db.Communes.Single(c => c.Id == o.CommuneId).Name).SingleAsync(Ct);
        Assert.Equal("Chiềng Mai", commune);
    }

    [Theory]
    [InlineData("Learner", null, "Vai trò")]
    [InlineData("CommuneOfficer", null, "cần --commune")]
    [InlineData("CommuneOfficer", "Không Có", "Không có xã/phường")]
    [InlineData("Admin", "Chiềng Mai", "Chỉ cán bộ xã")]
    public async Task BadInputSaysWhyAndCreatesNothing(string role, string? commune, string expected)
    {
        string[] args = ["--user", "ai-do", "--name", "Ai Đó", "--role", role, .. commune is null ? Array.Empty<string>() : ["--commune", commune]];
        var result = await RunAsync("", args);
        Assert.Equal(1, result.Exit);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        await AssertNoUserAsync("ai-do");
    }

    [Fact]
    public async Task ATakenNameOrAShortPasswordIsRefusedWithIdentitysReasonAndNothingHalfMade()
    {
        Assert.Equal(0, (await RunAsync("", "--user", "admin.sonla", "--name", "Quản trị", "--role", "Admin")).Exit);
        var taken = await RunAsync("", "--user", "admin.sonla", "--name", "Người khác", "--role", "Admin");
        Assert.Equal(1, taken.Exit);
        Assert.False(string.IsNullOrWhiteSpace(taken.Error));

        var shortPassword = await RunAsync("ngan\n", "--user", "canbo.ngan", "--name", "Cán bộ", "--role", "CommuneOfficer", "--commune", "Chiềng Mai", "--password-stdin");
        Assert.Equal(1, shortPassword.Exit);
        await AssertNoUserAsync("canbo.ngan");
    }

    private async Task AssertNoUserAsync(string userName)
    {
        var services = await CliHost.StartAsync(folder, Ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.False(await db.Users.AnyAsync(u => u.UserName == userName, Ct));
        Assert.Empty(await db.CommuneOfficers.ToListAsync(Ct));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Never made, or a file still held open: the temp folder is cleaned by the OS.
        }
    }
}
