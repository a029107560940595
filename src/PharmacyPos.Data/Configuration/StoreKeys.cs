using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace PharmacyPos.Data.Configuration;

/// <summary>
/// Every store-owned table leads its key with StoreId on PostgreSQL, so a chain can distribute
/// them by store (Citus: create_distributed_table(..., 'StoreId')) without a schema change: a
/// distributed table's primary key and unique constraints must contain the distribution column.
/// SQLite keeps the single rowid key it is fast with; the columns and indexes are the same.
/// </summary>
internal static class StoreKeys
{
    public static void KeyByStore<T>(this EntityTypeBuilder<T> b, bool distributed) where T : class
    {
        if (distributed)
        {
            b.HasKey("StoreId", "Id");
            b.Property("Id").ValueGeneratedOnAdd();
        }
        else
        {
            b.HasKey("Id");
        }
    }
}
