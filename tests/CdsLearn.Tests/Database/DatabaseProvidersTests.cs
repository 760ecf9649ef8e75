using CdsLearn.Data;
using Npgsql;

namespace CdsLearn.Tests.Database;

public class DatabaseProvidersTests
{
    [Fact]
    public void APostgresConnectionStringWithoutAPoolLimitGetsOneWellUnderTheServersSlots()
    {
        var limited = new NpgsqlConnectionStringBuilder(DatabaseProviders.WithPoolLimit("Host=db.example;Database=cdslearn;Username=cdslearn;Password=secret"));

        Assert.Equal(DatabaseProviders.DefaultMaxPoolSize, limited.MaxPoolSize);
        // PostgreSQL's default max_connections is 100, three of them kept for superusers: room for three app servers.
        Assert.True(3 * limited.MaxPoolSize <= 97);
        Assert.Equal("db.example", limited.Host);
        Assert.Equal("cdslearn", limited.Database);
        Assert.Equal("secret", limited.Password);
    }

    [Theory]
    [InlineData("Maximum Pool Size=80")]
    [InlineData("MaxPoolSize=80")]
    [InlineData("maximum pool size=80")]
    public void APoolLimitTheConnectionStringSetsIsKept(string setting)
    {
        var configured = "Host=db.example;Database=cdslearn;Username=cdslearn;" + setting;

        Assert.Equal(configured, DatabaseProviders.WithPoolLimit(configured));
        Assert.Equal(80, new NpgsqlConnectionStringBuilder(DatabaseProviders.WithPoolLimit(configured)).MaxPoolSize);
    }
}
