using System.CommandLine;
using System.Text;
using CdsLearn.Cli;
using CdsLearn.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Cli;

/// <summary>`cdslearn import geography|households FILE`: a file in another encoding than UTF-8, or with a control
/// character in a field, imports nothing and says why, line by line.</summary>
public sealed class ImportCommandsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "cdslearn-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output)> ImportAsync(string what, byte[] bytes)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{what}-{Guid.NewGuid():N}.csv");
        await File.WriteAllBytesAsync(file, bytes, Ct);
        var output = new StringWriter();
        var root = new RootCommand { ImportCommands.Create(output) };
        var exit = await root.Parse(["import", what, file, "--data", folder]).InvokeAsync(cancellationToken: Ct);
        return (exit, output.ToString());
    }

    private static byte[] Windows1258(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1258).GetBytes(text.Normalize(NormalizationForm.FormD));
    }

    [Fact]
    public async Task AGeographyFileInWindows1258IsRefusedAndNothingIsWritten()
    {
        var result = await ImportAsync("geography", Windows1258("commune,kind,village\nXã Thử Nghiệm,xã,Bản Nà Thử\n"));

        Assert.Equal(1, result.Exit);
        Assert.Matches(@"geography-\w+\.csv:2: .*hãy lưu tệp dạng CSV UTF-8", result.Output);
        Assert.Contains("Không nhập gì", result.Output, StringComparison.Ordinal);
        Assert.Empty(await CommunesNamedAsync("Xã Thử Nghiệm"));
    }

    [Fact]
    public async Task AHouseholdFileInWindows1258IsRefusedAndNothingIsWritten()
    {
        Assert.Equal(0, (await ImportAsync("geography", Encoding.UTF8.GetBytes("commune,kind,village\nXã Nhập Hộ,xã,Bản Thử\n"))).Exit);
        var before = await HouseholdCountAsync();

        var result = await ImportAsync("households", Windows1258("commune,village,household_code,head_name\nXã Nhập Hộ,Bản Thử,MC-1,Lò Thị Hoa\n"));

        Assert.Equal(1, result.Exit);
        Assert.Matches(@"households-\w+\.csv:2: .*hãy lưu tệp dạng CSV UTF-8", result.Output);
        Assert.Equal(before, await HouseholdCountAsync());
    }

    [Fact]
    public async Task ANulInAFieldIsRefusedWithItsLineAndNothingIsWritten()
    {
        var result = await ImportAsync("geography", Encoding.UTF8.GetBytes("commune,kind,village\nXã Ký Tự,xã,Bản Một\nXã Ký Tự,xã,Bản\0 Hai\n"));

        Assert.Equal(1, result.Exit);
        Assert.Matches(@"geography-\w+\.csv:3: .*village", result.Output);
        Assert.DoesNotContain(".csv:2:", result.Output, StringComparison.Ordinal);
        Assert.Empty(await CommunesNamedAsync("Xã Ký Tự"));
    }

    [Fact]
    public async Task AUtf8FileWithAByteOrderMarkIsImported()
    {
        var result = await ImportAsync("geography", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("commune,kind,village\r\nXã Có BOM,xã,Bản Sẳng Thử\r\n")]);

        Assert.True(result.Exit == 0, result.Output);
        Assert.Equal(["Xã Có BOM"], await CommunesNamedAsync("Xã Có BOM"));
    }

    private async Task<List<string>> CommunesNamedAsync(string name)
    {
        var services = await CliHost.StartAsync(folder, Ct);
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return [.. (await db.Communes.Select(c => c.Name).ToListAsync(Ct)).Where(n => n.Contains(name, StringComparison.Ordinal))];
    }

    private async Task<int> HouseholdCountAsync()
    {
        var services = await CliHost.StartAsync(folder, Ct);
        using var scope = services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Households.CountAsync(Ct);
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
            // A file still held open: the temp folder is cleaned by the OS.
        }
    }
}
