using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>
/// The demo store's shelves, dated from the day it starts: most drugs two or three batches, one in
/// seventeen with a lot near expiry, two expired with boxes still on the shelf (so the refusal can be seen)
/// and one out of stock. Expired lots cannot be received through the import, so the demo writes
/// them as if received long ago.
/// </summary>
public static class DemoStock
{
    public static readonly string[] Expired = ["YP00240", "YP00241"];
    public const string OutOfStock = "YP00242";

    public static async Task<int> SeedIfEmptyAsync(PosDbContext db, int storeId, TimeProvider clock, CancellationToken ct = default)
    {
        if (await db.Batches.AnyAsync(b => b.StoreId == storeId, ct)) return 0;
        var now = clock.GetUtcNow();
        var today = BeijingTime.DayOf(now);
        var drugs = await db.Drugs.AsNoTracking().OrderBy(d => d.Code).Select(d => new { d.Code, d.SplitsPerPack }).ToListAsync(ct);
        var codes = drugs.Select(d => d.Code).ToList();
        var perPack = drugs.ToDictionary(d => d.Code, d => d.SplitsPerPack ?? 1);
        var batches = 0;
        void Add(string code, string lot, int producedAgo, int expiresIn, int quantity, int receivedAgo)
        {
            var received = StockBatch.Receive(storeId, code, lot, today.AddDays(-producedAgo), today.AddDays(expiresIn), "演示医药有限公司", null,
                now.AddDays(-receivedAgo));
            if (!received.IsSuccess) return;
            db.Batches.Add(received.Value);
            db.StockMovements.Add(StockMovement.Receive(received.Value, quantity * perPack[code], now.AddDays(-receivedAgo), "system"));
            batches++;
        }
        for (var i = 0; i < codes.Count; i++)
        {
            var code = codes[i];
            if (code == OutOfStock) continue;
            var year = today.Year;
            if (Expired.Contains(code))
            {
                Add(code, $"{year - 2}{i % 12 + 1:D2}E{i % 10}", 800, -10 - i % 20, 6, 500);
                continue;
            }
            // The first ten are the counter's best sellers: a pharmacy keeps hundreds of boxes of them.
            var shelf = i < 10 ? 10 : 1;
            Add(code, $"{year - 1}{i % 12 + 1:D2}{i % 90 + 10}", 300, 200 + i % 500, (60 + i % 50) * shelf, 280);
            if (i % 3 != 0) Add(code, $"{year}{i % 9 + 1:D2}{i % 80 + 20}", 100, 500 + i % 300, (50 + i % 40) * shelf, 90);
            if (i % 17 == 8) Add(code, $"{year - 2}{i % 12 + 1:D2}N{i % 10}", 700, 20 + i % 40, 5 + i % 6, 600);
        }
        await db.SaveChangesAsync(ct);
        return batches;
    }
}
