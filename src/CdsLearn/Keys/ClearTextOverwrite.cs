using CdsLearn.Data;
using Microsoft.EntityFrameworkCore;

namespace CdsLearn.Keys;

/// <summary>
/// Rewrites of keys that an older release stored in the clear. On SQLite a rewritten row's old bytes stay in the file's
/// free space, and a backup copies every page; with <c>secure_delete</c> on, SQLite zeroes them as it frees them. (On
/// PostgreSQL a dump holds live rows only; the old row versions go with the next vacuum.)
/// </summary>
public static class ClearTextOverwrite
{
    public static void Run(AppDbContext db, Action write)
    {
        if (!db.Database.IsSqlite())
        {
            write();
            return;
        }
        db.Database.OpenConnection();
        try
        {
            db.Database.ExecuteSqlRaw("PRAGMA secure_delete = ON;");
            try
            {
                write();
            }
            finally
            {
                // The connection goes back to the pool: the site's other writes keep SQLite's default.
                db.Database.ExecuteSqlRaw("PRAGMA secure_delete = OFF;");
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
    }
}
