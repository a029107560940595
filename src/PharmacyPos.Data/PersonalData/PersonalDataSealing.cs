using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PharmacyPos.Data.PersonalData;

/// <summary>
/// Rows written before ID numbers were sealed are sealed at start-up, once, in batches: after
/// it no ID number or 社保编码 sits in the database in clear.
/// </summary>
internal static class PersonalDataSealing
{
    private const int Batch = 500;

    /// <summary>The sealed columns of tables that had rows before sealing existed.</summary>
    public static readonly string[] OrderColumns = ["PsnNo"], RegistrationColumns = ["PurchaserId", "PsnNo"];

    internal static readonly (string Table, string[] Columns)[] Sealed =
    [
        ("registrations", RegistrationColumns),
        ("orders", OrderColumns),
    ];

    /// <summary>
    /// A row with a value still in clear. Also the filter of each table's partial index
    /// (<c>ix_*_unsealed</c>): once everything is sealed the index is empty, so the check at every
    /// start reads an empty index instead of a store's whole order history. Both databases use such
    /// an index only for a query whose condition is this very text.
    /// </summary>
    public static string Unsealed(string[] columns) =>
        string.Join(" OR ", columns.Select(c => $"(\"{c}\" <> '' AND \"{c}\" NOT LIKE '{PersonalDataProtector.SealedPrefix}%')"));

    public static async Task<int> SealExistingAsync(PosDbContext db, PersonalDataProtector protector, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(ct);
        try
        {
            var total = 0;
            foreach (var (table, columns) in Sealed)
            {
                while (await SealBatchAsync(connection, table, columns, protector, ct) is var n and > 0) total += n;
            }
            return total;
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static async Task<int> SealBatchAsync(DbConnection connection, string table, string[] columns, PersonalDataProtector protector, CancellationToken ct)
    {
        var rows = new List<(int StoreId, long Id, string?[] Values)>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = SelectUnsealed(table, columns);
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add((reader.GetInt32(0), reader.GetInt64(1),
                    columns.Select((_, i) => reader.IsDBNull(2 + i) ? null : reader.GetString(2 + i)).ToArray()));
            }
        }
        if (rows.Count == 0) return 0;

        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var (storeId, id, values) in rows)
        {
            await using var update = connection.CreateCommand();
            update.Transaction = tx;
            update.CommandText = $"UPDATE {table} SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = @v{i}"))} WHERE \"StoreId\" = @s AND \"Id\" = @id";
            for (var i = 0; i < columns.Length; i++) Add(update, $"@v{i}", values[i] is { } v ? protector.Protect(v) : DBNull.Value);
            Add(update, "@s", storeId);
            Add(update, "@id", id);
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return rows.Count;
    }

    /// <summary>A batch of rows still to seal (the query the partial index is for).</summary>
    internal static string SelectUnsealed(string table, string[] columns) =>
        $"SELECT \"StoreId\", \"Id\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM {table} WHERE {Unsealed(columns)} LIMIT {Batch}";

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
