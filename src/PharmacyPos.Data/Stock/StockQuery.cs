using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Export;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>A batch with its stock (the ledger's sum) and the drug's name, for the 库存 page and its reports.</summary>
public sealed record BatchLine(StockBatch Batch, string DrugName, string Specification, string Manufacturer, string Unit, int OnHand, ExpiryState State);

/// <summary>库存: stock by drug and batch (each batch's balance, the ledger's sum), and the 近效期 / 过期 lists.</summary>
public sealed class StockQuery(PosDbContext db, TimeProvider clock)
{
    /// <param name="Short">短缺: batches the ledger takes below zero — boxes sold that the books did not hold (a last box sold at two tills, or a store that only warns).</param>
    public enum Filter { All, NearExpiry, Expired, Short }

    public DateOnly Today => BeijingTime.Today(clock);

    public async Task<IReadOnlyList<BatchLine>> ListAsync(int storeId, string? text, Filter filter, int nearExpiryDays, CancellationToken ct = default)
    {
        var today = Today;
        var batches = db.Batches.AsNoTracking().Where(b => b.StoreId == storeId);
        if (filter == Filter.Expired) batches = batches.Where(b => b.ExpiresOn < today);
        if (filter == Filter.NearExpiry)
        {
            var until = today.AddDays(nearExpiryDays);
            batches = batches.Where(b => b.ExpiresOn >= today && b.ExpiresOn <= until);
        }
        var q = text?.Trim();
        var query = from b in batches
                join d in db.Drugs.AsNoTracking() on b.DrugCode equals d.Code
                where string.IsNullOrEmpty(q) || b.DrugCode == q || b.LotNo == q || d.Name.Contains(q!) || d.PinyinInitials.StartsWith(q!.ToUpper())
                orderby b.DrugCode, b.ExpiresOn, b.LotNo
                select new
                {
                    Batch = b, d.Name, d.Specification, d.Manufacturer, Unit = d.SplitUnit ?? d.Unit,
                    OnHand = EF.Property<int>(b, StockBalances.OnHand),
                };
        if (filter == Filter.Short) query = query.Where(r => r.OnHand < 0);
        var rows = await query.Take(2_000).ToListAsync(ct);
        return [.. rows.Where(r => filter switch { Filter.All => true, Filter.Short => r.OnHand < 0, _ => r.OnHand > 0 })
            .Select(r => new BatchLine(r.Batch, r.Name, r.Specification, r.Manufacturer, r.Unit, r.OnHand, r.Batch.StateOn(today, nearExpiryDays)))];
    }

    public static ReportTable Table(string title, IEnumerable<BatchLine> lines) =>
        new(title, ["编码", "药品", "规格", "生产厂家", "批号", "生产日期", "有效期至", "状态", "库存", "单位", "供应商"],
        [
            .. lines.Select(l => (IReadOnlyList<object?>)
            [
                new CsvExport.Id(l.Batch.DrugCode), l.DrugName, l.Specification, l.Manufacturer, new CsvExport.Id(l.Batch.LotNo),
                l.Batch.ProducedOn.ToString("yyyy-MM-dd"), l.Batch.ExpiresOn.ToString("yyyy-MM-dd"), StateText(l), l.OnHand, l.Unit, l.Batch.Supplier,
            ]),
        ]);

    public static string StateText(BatchLine line) => line.OnHand < 0 ? $"短缺 {-line.OnHand}" : StateText(line.State);

    public static string StateText(ExpiryState state) => state switch
    {
        ExpiryState.Expired => "过期",
        ExpiryState.NearExpiry => "近效期",
        _ => "正常",
    };
}
