using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Import;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Data.Stock;

/// <summary>The receiving file's headings, in the pharmacy's own words.</summary>
public static class ReceivingColumns
{
    public const string Code = "编码", LotNo = "批号", ProducedOn = "生产日期", ExpiresOn = "有效期至", Quantity = "数量", Supplier = "供应商", CostPrice = "进价";
    public static readonly TableLayout Layout = new([Code, LotNo, ProducedOn, ExpiresOn, Quantity], [Code, LotNo, ProducedOn, ExpiresOn, Quantity, Supplier, CostPrice]);
}

public sealed record ReceivingRowError(int RowNumber, string Column, string Message);

public sealed record ReceivingReport(int Lines, int NewBatches, int Units, IReadOnlyList<ReceivingRowError> Errors);

/// <summary>
/// 药品入库 from a file: every row is checked (the drug is in the catalogue, the 批号 is clean, the
/// dates exist and are in order, the batch is not expired, the quantity is a whole positive number
/// of the drug's smallest unit); bad rows are listed with their row number and reason and the good
/// ones go in together in one transaction. The same 批号 twice in one file is refused (its second
/// row names the first: merge them); a lot the store already holds receives more, if its dates agree.
/// </summary>
public sealed class ReceivingImport(PosDbContext db, TimeProvider clock)
{
    public static readonly string[] DateFormats = ["yyyy-MM-dd", "yyyy/MM/dd", "yyyyMMdd", "yyyy-M-d", "yyyy/M/d"];

    /// <summary>A page's progress line moves every this many rows: often enough to see, rare enough to cost nothing.</summary>
    public const int ProgressEvery = 2_000;

    public async Task<ReceivingReport> ImportAsync(int storeId, IReadOnlyList<ImportRow> rows, IProgress<ImportProgress>? progress = null,
        CancellationToken ct = default)
    {
        // Managers receive; cashiers do not (the system, seeding the demo, may).
        if (db.Actor.IsStaff && !db.Actor.May(Domain.Staff.Permission.ManageCatalogue))
            return new ReceivingReport(0, 0, 0, [new(0, "", "只有店长或管理员可以办理入库，未导入任何行。")]);
        var now = clock.GetUtcNow();
        var codes = rows.Select(r => r[ReceivingColumns.Code]).Where(c => c.Length > 0).Distinct().ToList();
        // A drug sold split keeps its stock in split units: a delivery of boxes is that many times its pack size.
        var known = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(500))
            foreach (var d in await db.Drugs.AsNoTracking().Where(d => chunk.Contains(d.Code)).Select(d => new { d.Code, d.SplitsPerPack }).ToListAsync(ct))
                known[d.Code] = d.SplitsPerPack ?? 1;
        var held = new Dictionary<(string, string), StockBatch>();
        foreach (var chunk in codes.Chunk(500))
            foreach (var b in await db.Batches.Where(b => b.StoreId == storeId && chunk.Contains(b.DrugCode)).ToListAsync(ct))
                held[(b.DrugCode, b.LotNo)] = b;

        var errors = new List<ReceivingRowError>();
        var seen = new Dictionary<(string, string), int>();
        var (lines, created, units) = (0, 0, 0);
        var checkedRows = 0;
        foreach (var row in rows)
        {
            if (++checkedRows % ProgressEvery == 0) progress?.Report(new(checkedRows, rows.Count, false));
            var rowErrors = new List<ReceivingRowError>();
            void Fail(string column, string message) => rowErrors.Add(new(row.RowNumber, column, message));
            var code = row[ReceivingColumns.Code];
            var lot = row[ReceivingColumns.LotNo];
            if (code.Length == 0) Fail(ReceivingColumns.Code, "编码不能为空。");
            else if (!known.ContainsKey(code)) Fail(ReceivingColumns.Code, $"药品目录中没有编码“{code}”，请先导入该药品。");
            if (StockBatch.LotNoProblem(lot) is { } lotProblem) Fail(ReceivingColumns.LotNo, lotProblem);
            var produced = Day(row, ReceivingColumns.ProducedOn, Fail);
            var expires = Day(row, ReceivingColumns.ExpiresOn, Fail);
            var quantityText = row[ReceivingColumns.Quantity];
            if (!int.TryParse(quantityText, NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity <= 0 || quantity > 1_000_000)
                Fail(ReceivingColumns.Quantity, $"数量“{quantityText}”无效：必须是正整数（按药品目录的单位，如盒），不超过 1000000。");
            Money? cost = null;
            var costText = row[ReceivingColumns.CostPrice];
            if (costText.Length > 0)
            {
                if (Money.TryParse(costText, out var c) && c > Money.Zero) cost = c;
                else Fail(ReceivingColumns.CostPrice, $"进价“{costText}”无效：应为大于 0 的金额，最多两位小数。");
            }
            var supplier = row[ReceivingColumns.Supplier];
            if (supplier.Length > 100 || supplier.Any(char.IsControl)) Fail(ReceivingColumns.Supplier, "供应商名称过长或含控制字符（最多 100 个字）。");
            if (rowErrors.Count == 0 && seen.TryGetValue((code, lot), out var first))
                Fail(ReceivingColumns.LotNo, $"批号 {lot} 与第 {first} 行重复：同一药品的同一批号请合并为一行。");
            if (rowErrors.Count > 0 || produced is not { } p || expires is not { } e)
            {
                errors.AddRange(rowErrors);
                continue;
            }

            StockBatch batch;
            if (held.TryGetValue((code, lot), out var existing))
            {
                if (existing.MismatchWith(p, e) is { } mismatch) { errors.Add(new(row.RowNumber, ReceivingColumns.LotNo, mismatch)); continue; }
                // A new lot was checked by StockBatch.Receive; a held one may have expired since it came in.
                if (existing.StateOn(BeijingTime.DayOf(now), 0) == ExpiryState.Expired)
                {
                    errors.Add(new(row.RowNumber, ReceivingColumns.ExpiresOn, $"批号 {lot} 已于 {existing.ExpiresOn:yyyy-MM-dd} 过期，不能入库。"));
                    continue;
                }
                batch = existing;
            }
            else
            {
                var received = StockBatch.Receive(storeId, code, lot, p, e, supplier, cost, now);
                if (!received.IsSuccess) { errors.Add(new(row.RowNumber, received.Error.Code == "BATCH_EXPIRED" ? ReceivingColumns.ExpiresOn : ReceivingColumns.ProducedOn, received.Error.Message)); continue; }
                batch = received.Value;
                db.Batches.Add(batch);
                held[(code, lot)] = batch;
                created++;
            }
            seen[(code, lot)] = row.RowNumber;
            db.StockMovements.Add(StockMovement.Receive(batch, quantity * known[code], now, db.Actor.UserName));
            (lines, units) = (lines + 1, units + quantity);
        }
        if (lines > 0)
        {
            progress?.Report(new(rows.Count, rows.Count, true));
            db.AddAudit(Domain.Audit.AuditActions.StockReceived, detail: $"入库 {lines} 行，共 {units} 件（新批号 {created} 个）；错误 {errors.Count} 行");
            await db.SaveChangesAsync(ct);
        }
        return new ReceivingReport(lines, created, units, errors);
    }

    /// <summary>A date as typed (2026-11-30, 2026/11/30, 20261130) or as Excel stores it (a date cell).</summary>
    private static DateOnly? Day(ImportRow row, string column, Action<string, string> fail)
    {
        var text = row[column];
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        // An XLSX date cell arrives as the invariant DateTime text ("11/30/2026 00:00:00").
        if (text.Contains(':') && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && at.TimeOfDay == TimeSpan.Zero)
            return DateOnly.FromDateTime(at);
        fail(column, text.Length == 0 ? $"{column}不能为空。" : $"{column}“{text}”不是有效日期，应写成 2026-11-30。");
        return null;
    }
}
