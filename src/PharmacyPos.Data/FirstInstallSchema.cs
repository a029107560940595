using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace PharmacyPos.Data;

/// <summary>
/// A new till's empty SQLite file gets its schema from the migrations' own SQL, generated ahead of
/// time, instead of from the migrator: the migrator builds each migration's target model to write
/// SQL that never changes (≈ 0.2–0.4 s of CPU on a 2-core till's first start, for 22 migrations).
/// The script is <c>Migrations/Sqlite/FirstInstall.sql</c>, exactly what EF Core generates for all
/// of them; a test fails the moment it is not (FirstInstallSchemaTests), and says how to regenerate.
/// </summary>
public static class FirstInstallSchema
{
    public const string ResourceName = "PharmacyPos.Data.first-install.sqlite.sql";

    /// <summary>What EF Core writes for every migration, in one piece: the script must equal it.</summary>
    public static string Generate(PosDbContext db) =>
        db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.NoTransactions).ReplaceLineEndings("\n");

    public static string Script { get; } = Read();

    /// <summary>
    /// Creates the whole schema in one transaction when the file holds nothing at all; anything else
    /// (an older till's database, a half-made one, another program's file) is left to the migrator.
    /// </summary>
    /// <returns>Whether it created the schema.</returns>
    public static async Task<bool> TryCreateAsync(PosDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite()) return false;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            // BEGIN IMMEDIATE: a second process starting on the same new file waits here, then finds it made.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT count(*) FROM sqlite_master";
            if ((long)(await command.ExecuteScalarAsync(ct))! != 0) return false;
            // All or nothing: a till killed during its first start finds an empty file again, not half a schema.
            command.CommandText = Script;
            await command.ExecuteNonQueryAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static string Read()
    {
        using var stream = typeof(FirstInstallSchema).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"{ResourceName} is not embedded in {typeof(FirstInstallSchema).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n"); // a checkout with CRLF endings is still the same script
    }
}
