using System.Globalization;
using Microsoft.Data.Sqlite;

namespace CdsLearn.Cli;

/// <summary>
/// One statement compiled once and run for every row with new parameter values: the fastest way to write many rows
/// through Microsoft.Data.Sqlite. Values are given as the database stores them (see <see cref="Sql"/>).
/// </summary>
public sealed class PreparedStatement : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteParameter[] parameters;

    /// <param name="sql">The statement, its parameters named $p0, $p1…</param>
    public PreparedStatement(SqliteConnection connection, string sql, int parameterCount)
    {
        command = connection.CreateCommand();
        command.CommandText = sql;
        parameters = [.. Enumerable.Range(0, parameterCount).Select(i => command.Parameters.Add(new SqliteParameter(Name(i), DBNull.Value)))];
        command.Prepare();
    }

    public static PreparedStatement Insert(SqliteConnection connection, string table, params string[] columns) =>
        new(connection, $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) "
            + $"VALUES ({string.Join(", ", columns.Select((_, i) => Name(i)))})", columns.Length);

    /// <summary>Sets <paramref name="columns"/> of the row whose <paramref name="key"/> is the last value given.</summary>
    public static PreparedStatement Update(SqliteConnection connection, string table, string key, params string[] columns) =>
        new(connection, $"UPDATE \"{table}\" SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = {Name(i)}"))} "
            + $"WHERE \"{key}\" = {Name(columns.Length)}", columns.Length + 1);

    /// <summary>The transaction the rows go into (Microsoft.Data.Sqlite wants it on every command).</summary>
    public SqliteTransaction? Transaction
    {
        set => command.Transaction = value;
    }

    public void Run(params object?[] values)
    {
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i].Value = values[i] ?? DBNull.Value;
        }
        command.ExecuteNonQuery();
    }

    public void Dispose() => command.Dispose();

    private static string Name(int index) => "$p" + index.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Values in the form EF Core's SQLite provider stores them, so rows written here read back through EF.</summary>
public static class Sql
{
    public static string Time(DateTime utc) => utc.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture);

    public static string? Time(DateTime? utc) => utc is { } value ? Time(value) : null;

    public static string Date(DateOnly date) => date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture);

    /// <summary>EF Core keeps a Guid as upper-case text.</summary>
    public static string Guid(Guid id) => id.ToString().ToUpperInvariant();
}
