using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PharmacyPos.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite file; relative paths are taken from the working directory.</summary>
    public string Path { get; set; } = "data/pharmacypos.db";
}

public static class DatabaseSetup
{
    public static string SqliteConnectionString(DatabaseOptions options)
    {
        var path = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            DefaultTimeout = 30,
        }.ToString();
    }

    public static DbContextOptionsBuilder UsePosDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options) =>
        builder.UseSqlite(SqliteConnectionString(options));

    /// <summary>
    /// Applies migrations and switches the file to WAL, so a reader (the refund query) never
    /// blocks a writer (a payment being recorded) and a committed payment survives a crash.
    /// </summary>
    public static async Task MigrateAsync(PosDbContext db, CancellationToken ct = default)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }
}
