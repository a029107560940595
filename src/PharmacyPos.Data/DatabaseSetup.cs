using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.PersonalData;

namespace PharmacyPos.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>The SQLite file; relative paths are taken from the working directory.</summary>
    public string Path { get; set; } = "data/pharmacypos.db";

    /// <summary>
    /// A chain's PostgreSQL (an Npgsql connection string). Set, it replaces the SQLite file: the
    /// one setting that moves a store onto the chain's database.
    /// </summary>
    public string? PostgreSql { get; set; }

    public bool IsPostgreSql => !string.IsNullOrWhiteSpace(PostgreSql);

    /// <summary>
    /// How long a write waits for another writer (another process holding the file) before it fails.
    /// A cashier's action waits at most this long: 10 s, not SQLite's 30, so a locked file is reported
    /// while the customer is still at the counter. The till says it is waiting after 2 s.
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 10;

    /// <summary>
    /// Base64 of the 32-byte key that seals ID numbers and 社保编码 (see PersonalDataKeys). Required
    /// on PostgreSQL; on SQLite a key file beside the database is made when it is not set.
    /// </summary>
    public string? PersonalDataKey { get; set; }
}

/// <summary>The database cannot be used at all (locked by another program, unreadable): the POS must not start.</summary>
public sealed class DatabaseUnavailableException(string message, Exception inner) : Exception(message, inner);

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
            DefaultTimeout = options.BusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>
    /// The chain's connection string, with Npgsql's automatic preparation on unless it says otherwise:
    /// a till asks the same few dozen statements all day, and a prepared one skips the server's parse
    /// and plan — CPU the database server shares with everything else on a small chain's machine.
    /// Behind a pooler that cannot keep prepared statements, set <c>Max Auto Prepare=0</c> (docs/chains.md).
    /// </summary>
    public static string PostgreSqlConnectionString(DatabaseOptions options)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(options.PostgreSql);
        // Npgsql's own builder says it "contains" every keyword it knows; the chain's text says what was set.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = options.PostgreSql };
        if (!given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>A context on a database outside any host: the console's commands, harnesses, tests.</summary>
    public static PosDbContext OpenContext(DatabaseOptions options)
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>();
        builder.UsePosDatabase(options);
        return new PosDbContext(builder.Options);
    }

    /// <summary>PostgreSQL's migrations live in their own assembly: the two providers' SQL differs.</summary>
    public const string PostgreSqlMigrations = "PharmacyPos.Data.PostgreSql";

    public static DbContextOptionsBuilder UsePosDatabase(this DbContextOptionsBuilder builder, DatabaseOptions options)
    {
        builder.UsePersonalDataProtection(PersonalData.PersonalDataKeys.For(options));
        return options.IsPostgreSql
            ? builder.UseNpgsql(PostgreSqlConnectionString(options), npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrations))
            : builder.UseSqlite(SqliteConnectionString(options));
    }

    /// <summary>
    /// Applies migrations and switches the file to WAL, so a reader (the refund query) never
    /// blocks a writer (a payment being recorded) and a committed payment survives a crash.
    /// </summary>
    public static async Task MigrateAsync(PosDbContext db, CancellationToken ct = default)
    {
        // One migration at a time per process: EF Core builds the migrations' model snapshot lazily and not
        // thread-safely, so two databases migrated at once in one process (the test suites' fixtures do)
        // can fail with "The model must be finalized…" (seen once in 125 repeated runs).
        await MigrationGate.WaitAsync(ct);
        try
        {
            // A daily start on a current schema reads the history table and goes on: the migrator itself
            // (its model diff, its locks) cost ≈ 0.9 s of a 2-core till's start for nothing to do.
            // A first install's empty file takes the migrations' pregenerated SQL (FirstInstallSchema); the
            // migrator then finds nothing to do, or — the script made nothing — does it all itself.
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
            if (pending && await FirstInstallSchema.TryCreateAsync(db, ct))
                pending = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
            if (pending) await db.Database.MigrateAsync(ct);
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            await PersonalDataSealing.SealExistingAsync(db, db.Protector, ct);
        }
        catch (Npgsql.NpgsqlException e)
        {
            throw new DatabaseUnavailableException(
                $"无法连接连锁数据库（PostgreSQL {db.Database.GetDbConnection().DataSource}）：{e.Message}。请检查网络和 Database:PostgreSql 设置后重新启动。", e);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6 or 8 or 14 or 26)
        {
            // BUSY/LOCKED: another program holds the file; READONLY, CANTOPEN, NOTADB: it cannot be used.
            throw new DatabaseUnavailableException(e.SqliteErrorCode is 5 or 6
                ? $"数据库文件被其他程序占用（{db.Database.GetDbConnection().DataSource}），收银系统无法启动。请关闭占用该文件的程序（如另一个收银系统或数据库工具）后重新启动。"
                : $"数据库文件无法打开或不可写（{db.Database.GetDbConnection().DataSource}）：{e.Message}。请检查文件和磁盘后重新启动。", e);
        }
        finally
        {
            MigrationGate.Release();
        }
    }

    private static readonly SemaphoreSlim MigrationGate = new(1, 1);
}
