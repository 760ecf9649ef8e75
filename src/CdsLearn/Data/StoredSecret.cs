using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Data;

/// <summary>
/// A key the platform made for itself on its first run (today: the certificate signing key). It lives in the
/// database, so every server behind one address signs with the same key and a backup of the database carries it.
/// </summary>
public sealed class StoredSecret
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTime CreatedAt { get; set; }
}

public static class SecretStore
{
    /// <summary>
    /// The stored value of <paramref name="name"/>; if there is none yet, stores <paramref name="create"/>'s. When two
    /// servers start at once, both insert-if-absent and both read back the one that won.
    /// </summary>
    public static string GetOrAdd(AppDbContext db, string name, Func<string> create, TimeProvider clock)
    {
        var stored = db.StoredSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).SingleOrDefault();
        if (stored is not null)
        {
            return stored;
        }
        var value = create();
        var at = clock.GetUtcNow().UtcDateTime;
        db.Database.ExecuteSql($"""
            INSERT INTO "StoredSecrets" ("Name", "Value", "CreatedAt") VALUES ({name}, {value}, {at})
            ON CONFLICT ("Name") DO NOTHING
            """);
        return db.StoredSecrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).Single();
    }
}
