using System.Data.Common;
using System.Text.RegularExpressions;
using CdsLearn.Data;
using CdsLearn.Figures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Tests.Database;

/// <summary>A statement a context ran, with its parameters.</summary>
public sealed record CapturedCommand(string CommandText, IReadOnlyList<(string Name, object? Value)> Parameters);

/// <summary>Every reading statement a context runs (add it with <c>AddInterceptors</c>), and SQLite's plan for each.</summary>
public sealed partial class CommandCapture : DbCommandInterceptor
{
    /// <summary>A context on the database of <paramref name="services"/> whose statements this captures.</summary>
    public AppDbContext NewContext(IServiceProvider services, IEnumerable<IFigureListener>? listeners = null) =>
        new(new DbContextOptionsBuilder<AppDbContext>(services.GetRequiredService<DbContextOptions<AppDbContext>>()).AddInterceptors(this).Options, listeners);

    public List<CapturedCommand> Commands { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Add(new(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        return ValueTask.FromResult(result);
    }

    /// <summary>The lines of <c>EXPLAIN QUERY PLAN</c> for <paramref name="command"/>, with its parameters' values.</summary>
    public static async Task<List<string>> PlanAsync(DbConnection connection, CapturedCommand command, CancellationToken cancellationToken)
    {
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (var (name, value) in command.Parameters)
        {
            var parameter = explain.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            explain.Parameters.Add(parameter);
        }
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plan.Add(reader.GetString(3));
        }
        return plan;
    }

    /// <summary>Fails for any of <paramref name="commands"/> whose plan goes through a whole table of <paramref name="tables"/>.</summary>
    public static async Task AssertFindsByKeyAsync(AppDbContext db, IEnumerable<CapturedCommand> commands, string[] tables, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var command in commands)
            {
                var plan = await PlanAsync(db.Database.GetDbConnection(), command, cancellationToken);
                var scans = Scans(plan, AliasesOf(command, tables));
                Assert.True(scans.Count == 0, $"goes through a whole table ({string.Join("; ", scans)}):\n{command.CommandText}\n{string.Join("\n", plan)}");
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The aliases <paramref name="command"/> gives the tables named in <paramref name="tables"/>.</summary>
    public static HashSet<string> AliasesOf(CapturedCommand command, params string[] tables) =>
        TableAlias().Matches(command.CommandText).Where(m => tables.Contains(m.Groups["table"].Value)).Select(m => m.Groups["alias"].Value).ToHashSet();

    /// <summary>The plan's lines that go through every row of one of <paramref name="aliases"/> (a table or an index).</summary>
    public static List<string> Scans(IEnumerable<string> plan, IReadOnlySet<string> aliases) =>
        plan.Where(line => Regex.Match(line, @"^SCAN (\w+)") is { Success: true } m && aliases.Contains(m.Groups[1].Value)).ToList();

    [GeneratedRegex(@"(FROM|JOIN) ""(?<table>\w+)"" AS ""(?<alias>\w+)""")]
    private static partial Regex TableAlias();
}
