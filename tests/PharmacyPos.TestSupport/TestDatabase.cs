using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;

namespace PharmacyPos.TestSupport;

/// <summary>A real SQLite file in a temporary folder, migrated like production, deleted afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string folder)
    {
        Folder = folder;
        Options = new DatabaseOptions { Path = Path.Combine(folder, "pos.db") };
    }

    public string Folder { get; }
    public DatabaseOptions Options { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder);
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

    public PosDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>();
        builder.UsePosDatabase(Options);
        return new PosDbContext(builder.Options);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* a file still held open; the temp folder is cleaned by the OS */ }
        return ValueTask.CompletedTask;
    }
}
