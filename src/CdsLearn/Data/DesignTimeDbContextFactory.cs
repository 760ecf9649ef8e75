using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CdsLearn.Data;

/// <summary>
/// Lets 'dotnet ef migrations add' build the context without starting the site. Pass <c>-- --provider Postgres</c>
/// (with <c>--project src/CdsLearn.Postgres</c>) for the PostgreSQL migrations; no server is contacted.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var at = Array.IndexOf(args, "--provider");
        var provider = DatabaseProviders.Parse(at >= 0 && at + 1 < args.Length ? args[at + 1] : null);
        var connectionString = provider == DatabaseProvider.Postgres ? "Host=localhost;Database=cdslearn_design" : "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseProviders.Configure(options, provider, connectionString);
        return new(options.Options);
    }
}
