using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PharmacyPos.Data.Tests;

/// <summary>A new till's empty SQLite file gets the migrations' pregenerated SQL instead of the migrator's work: the same schema, exactly.</summary>
public sealed class FirstInstallSchemaTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N"));

    public FirstInstallSchemaTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private PosDbContext Context(string name) => DatabaseSetup.OpenContext(new DatabaseOptions { Path = Path.Combine(_folder, name), PersonalDataKey = TestSupport.TestDatabase.PersonalDataKey });

    [Fact]
    public void The_embedded_script_is_what_EF_Core_generates_for_every_migration()
    {
        using var db = Context("script.db");
        var generated = FirstInstallSchema.Generate(db);
        if (generated != FirstInstallSchema.Script && Environment.GetEnvironmentVariable("PHARMACYPOS_WRITE_FIRST_INSTALL") == "1")
            File.WriteAllText(SourcePath(), generated);
        Assert.True(generated == FirstInstallSchema.Script,
            "src/PharmacyPos.Data/Migrations/Sqlite/FirstInstall.sql is not what the migrations generate (a migration was added or EF Core changed). " +
            "Regenerate it: PHARMACYPOS_WRITE_FIRST_INSTALL=1 dotnet test tests/PharmacyPos.Data.Tests --filter FirstInstallSchemaTests, then rebuild.");
    }

    [Fact]
    public async Task An_empty_file_gets_the_same_tables_indexes_triggers_and_history_as_the_migrator_makes()
    {
        await using var migrated = Context("migrator.db");
        await migrated.Database.MigrateAsync();
        await using var installed = Context("first-install.db");
        Assert.True(await FirstInstallSchema.TryCreateAsync(installed, default));

        Assert.Empty(await installed.Database.GetPendingMigrationsAsync());
        Assert.Equal(await SchemaAsync(migrated), await SchemaAsync(installed));
        Assert.Equal(await HistoryAsync(migrated), await HistoryAsync(installed));
    }

    [Fact]
    public async Task A_file_that_already_holds_anything_is_left_to_the_migrator()
    {
        await using var db = Context("not-empty.db");
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE someone_elses (x INTEGER)");
        await db.Database.CloseConnectionAsync();

        Assert.False(await FirstInstallSchema.TryCreateAsync(db, default));
        Assert.Equal(["someone_elses"], await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master").ToListAsync());
        await DatabaseSetup.MigrateAsync(db);
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }

    /// <summary>Every object's definition as SQLite keeps it; the migrator's own lock table is its bookkeeping, not the schema.</summary>
    private static Task<List<string>> SchemaAsync(PosDbContext db) => db.Database
        .SqlQueryRaw<string>("SELECT type || ' ' || name || ': ' || COALESCE(sql, '') AS \"Value\" FROM sqlite_master WHERE name NOT LIKE '__EFMigrationsLock%' ORDER BY type, name")
        .ToListAsync();

    private static Task<List<string>> HistoryAsync(PosDbContext db) => db.Database
        .SqlQueryRaw<string>("SELECT \"MigrationId\" || ' ' || \"ProductVersion\" AS \"Value\" FROM \"__EFMigrationsHistory\" ORDER BY 1")
        .ToListAsync();

    private static string SourcePath() => Path.Combine(TestSupport.Repository.Root, "src", "PharmacyPos.Data", "Migrations", "Sqlite", "FirstInstall.sql");
}
