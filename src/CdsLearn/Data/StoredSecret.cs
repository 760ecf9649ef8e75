using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Data;

/// <summary>
/// A key the platform made for itself on its first run (today: the certificate signing key). It lives in the
/// database, so every server behind one address signs with the same key; its value is encrypted with the
/// key-encryption key (<see cref="Keys.KeyEncryptionKey"/>), which is not in the database.
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

    /// <summary>
    /// Replaces <paramref name="name"/>'s value if it is still <paramref name="expected"/>: when several servers rewrite
    /// it at once, one write wins and the others change nothing.
    /// </summary>
    public static void Replace(AppDbContext db, string name, string expected, string value) =>
        db.StoredSecrets.Where(s => s.Name == name && s.Value == expected).ExecuteUpdate(s => s.SetProperty(x => x.Value, value));
}
