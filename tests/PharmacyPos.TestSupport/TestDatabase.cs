using Microsoft.EntityFrameworkCore;
using Npgsql;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;

namespace PharmacyPos.TestSupport;

/// <summary>
/// A real database, migrated like production, thrown away afterwards: a SQLite file in a
/// temporary folder, or — when PHARMACYPOS_TEST_PROVIDER=postgres — a fresh database on the
/// PostgreSQL server named by PHARMACYPOS_TEST_POSTGRES (.ci/run starts one).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string? _name;

    private TestDatabase(string folder, string? server, string? name)
    {
        Folder = folder;
        _server = server;
        _name = name;
        Options = server is null
            ? new DatabaseOptions { Path = Path.Combine(folder, "pos.db"), PersonalDataKey = PersonalDataKey }
            : new DatabaseOptions { PostgreSql = new NpgsqlConnectionStringBuilder(server) { Database = name }.ToString(), PersonalDataKey = PersonalDataKey };
    }

    /// <summary>One key for every test database: EF builds one model per key, not one per test.</summary>
    public const string PersonalDataKey = "dGVzdHMtb25seS1wZXJzb25hbC1kYXRhLWtleS0zMmI=";

    public string Folder { get; }
    public DatabaseOptions Options { get; }
    public bool IsPostgreSql => _server is not null;

    /// <summary>Which provider this test run is on: the same suites run once per provider.</summary>
    public static bool PostgreSqlWanted => Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_PROVIDER") == "postgres";

    public static Task<TestDatabase> CreateAsync() => CreateAsync(PostgreSqlWanted
        ? Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES")
          ?? throw new InvalidOperationException("PHARMACYPOS_TEST_PROVIDER=postgres needs PHARMACYPOS_TEST_POSTGRES (a connection string).")
        : null);

    /// <param name="server">A PostgreSQL server to make a fresh database on; null for a SQLite file.</param>
    public static async Task<TestDatabase> CreateAsync(string? server)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        TestDatabase database;
        if (server is not null)
        {
            var name = "pos_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var admin = new NpgsqlConnection(server))
            {
                await admin.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
                await create.ExecuteNonQueryAsync();
            }
            database = new TestDatabase(folder, server, name);
        }
        else
        {
            database = new TestDatabase(folder, null, null);
        }
        await using var db = database.NewContext();
        await DatabaseSetup.MigrateAsync(db);
        return database;
    }

    /// <summary>A migrated database holding the demo catalogue, as a new install has it.</summary>
    public static async Task<TestDatabase> CreateWithDemoCatalogueAsync()
    {
        var database = await CreateAsync();
        await using var db = database.NewContext();
        await DemoCatalogue.SeedIfEmptyAsync(db);
        return database;
    }

    public string Provider => IsPostgreSql ? "PostgreSQL" : "SQLite";

    /// <summary>The POS's own command-line setting for this database.</summary>
    public string[] PosArguments => [.. IsPostgreSql ? ["--Database:PostgreSql", Options.PostgreSql!] : new[] { "--Database:Path", Options.Path },
        "--Database:PersonalDataKey", PersonalDataKey];

    public PosDbContext NewContext() => new(ContextOptions());

    /// <summary>A context acting for one member of staff at terminal T0001-01 of store 1, as a signed-in till's requests do.</summary>
    /// <param name="shifts">The till's open shifts, when what is written should carry its 班次 as in the host.</param>
    public PosDbContext NewContextFor(PharmacyPos.Domain.Staff.Actor actor, TimeProvider? clock = null, int storeId = 1,
        PharmacyPos.Data.Shifts.OpenShifts? shifts = null)
    {
        var staff = new PharmacyPos.Domain.Staff.StaffOnDuty(storeId, $"T{storeId:D4}-01");
        staff.Set(actor);
        return new PosDbContext(ContextOptions(), staff, clock, shifts);
    }

    private DbContextOptions<PosDbContext> ContextOptions()
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>();
        builder.UsePosDatabase(Options);
        return builder.Options;
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
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still held open; the temp folder is cleaned by the OS */ }
    }
}
