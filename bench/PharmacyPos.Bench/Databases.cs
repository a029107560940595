using Microsoft.EntityFrameworkCore;
using Npgsql;
using PharmacyPos.Data;

namespace PharmacyPos.Bench;

/// <summary>A fresh, migrated database on either provider, for one measurement.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _name;

    private BenchDatabase(DatabaseOptions options, string? server, string? name, string folder)
    {
        Options = options;
        _server = server;
        _name = name;
        Folder = folder;
    }

    public DatabaseOptions Options { get; }
    public string Folder { get; }
    public string Provider => _server is null ? "SQLite" : "PostgreSQL";

    public static async Task<BenchDatabase> CreateAsync(string? postgres)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        BenchDatabase database;
        if (postgres is null)
        {
            database = new BenchDatabase(new DatabaseOptions { Path = Path.Combine(folder, "pos.db") }, null, null, folder);
        }
        else
        {
            var name = "pos_bench_" + Guid.NewGuid().ToString("N")[..10];
            await using (var admin = new NpgsqlConnection(postgres))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            database = new BenchDatabase(new DatabaseOptions { PostgreSql = new NpgsqlConnectionStringBuilder(postgres) { Database = name }.ToString() },
                postgres, name, folder);
        }
        await using var db = database.NewContext();
        await DatabaseSetup.MigrateAsync(db);
        return database;
    }

    public PosDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>();
        builder.UsePosDatabase(Options);
        return new PosDbContext(builder.Options);
    }

    /// <summary>The POS's own command-line setting for this database.</summary>
    public string[] PosArguments => _server is null ? ["--Database:Path", Options.Path] : ["--Database:PostgreSql", Options.PostgreSql!];

    /// <summary>
    /// The durable-commit limit: single-row INSERTs, each its own committed transaction, on the
    /// same settings the POS uses (SQLite WAL + synchronous FULL; PostgreSQL synchronous_commit
    /// on), from <paramref name="writers"/> connections at once, for <paramref name="duration"/>.
    /// </summary>
    public async Task<double> CommitsPerSecondAsync(int writers, TimeSpan duration)
    {
        await using (var db = NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_commits (id BIGINT, payload VARCHAR(64))");
        }
        var count = 0L;
        using var stop = new CancellationTokenSource(duration);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            await using var db = NewContext();
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO bench_commits (id, payload) VALUES (1, 'order 202611290000000001010001 written')";
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await insert.ExecuteNonQueryAsync();
                    Interlocked.Increment(ref count);
                }
                catch (Microsoft.Data.Sqlite.SqliteException e) when (e.SqliteErrorCode == 5) { /* busy: another writer has the file */ }
            }
        })));
        return count / duration.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_server is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_server);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
