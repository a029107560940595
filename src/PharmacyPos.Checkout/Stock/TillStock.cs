using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Data.Stock;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Checkout.Stock;

/// <summary>What a line was given, and what the cashier is to be told (a 近效期 mark or a shortage warning).</summary>
public sealed record Entered(IReadOnlyList<SaleLine> Lines, string? Warning);

/// <summary>
/// The store's batches at the till: which batch an entered line takes (<see cref="StockAtSale"/>),
/// the cashier's 选批号 list, a changed quantity checked against its batch, and the last look at
/// payment for boxes another till sold meanwhile. Reads only; the ledger moves when the order is
/// paid (<c>StockLedger</c>).
/// </summary>
public sealed class TillStock(PosDbContext db, Settings.StoreSettingsService settings, IOptions<TerminalOptions> terminal, TimeProvider clock)
{
    public DateOnly Today => BeijingTime.Today(clock);

    /// <summary>
    /// A drug's batches with their balances (the ledger's sum, kept by <see cref="StockBalances"/>), on
    /// every scan: compiled once, because EF's per-call query preparation cost as much as the query itself.
    /// </summary>
    private static readonly CompiledQuery<Func<PosDbContext, int, string, IAsyncEnumerable<BatchStock>>> Batches = new(() =>
        EF.CompileAsyncQuery((PosDbContext db, int storeId, string drugCode) =>
            db.Batches.AsNoTracking().Where(b => b.StoreId == storeId && b.DrugCode == drugCode)
                .Select(b => new BatchStock(b, EF.Property<int>(b, StockBalances.OnHand)))));

    /// <summary>The drug's batches with what each holds, expired ones included (the list shows them, greyed).</summary>
    public async Task<IReadOnlyList<BatchStock>> BatchesOfAsync(string drugCode, CancellationToken ct = default)
    {
        var rows = new List<BatchStock>();
        await foreach (var row in Batches.For(db)(db, terminal.Value.StoreId, drugCode).WithCancellation(ct)) rows.Add(row);
        return [.. rows.OrderBy(s => s.Batch.ExpiresOn).ThenBy(s => s.Batch.LotNo, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Enters <paramref name="quantity"/> of a drug: first-expiry-first-out, or from the batch named by
    /// <paramref name="lotNo"/> (the JSON API's way of choosing). Nothing is added when refused.
    /// </summary>
    /// <param name="split">拆零: <paramref name="quantity"/> counts the drug's split units, sold at its split price.</param>
    public async Task<Result<Entered>> EnterAsync(Sale sale, Drug drug, int quantity, string? lotNo = null, CancellationToken ct = default, bool split = false)
    {
        if (split && drug.Split is null) return Sale.NotSplittable(drug);
        var stock = await BatchesOfAsync(drug.Code, ct);
        long? chosen = null;
        if (!string.IsNullOrWhiteSpace(lotNo))
        {
            if (stock.FirstOrDefault(s => s.Batch.LotNo == lotNo.Trim()) is not { } named) return StockAtSale.BatchNotFound(drug);
            chosen = named.Batch.Id;
        }
        var current = await settings.CurrentAsync(ct);
        if (Domain.Regulated.RegulatedSale.LimitOnEntry(sale, drug, quantity, current.EphedrineLimit, split) is { } overLimit) return overLimit;
        var placed = StockAtSale.Place(drug, quantity, stock, sale, chosen, Today, current.NearExpiryDays, current.RefuseOutOfStock, split);
        if (!placed.IsSuccess) return placed.Error;
        var added = new List<(SaleLine Line, int Quantity)>();
        foreach (var (batch, q) in placed.Value.Parts)
        {
            var line = sale.Add(drug, q, batch, split);
            if (!line.IsSuccess)
            {
                // A split line is entered whole or not at all.
                foreach (var (l, n) in added) Undo(sale, l, n);
                return line.Error;
            }
            added.Add((line.Value, q));
        }
        var lines = added.Select(a => a.Line).ToList();
        return new Entered(lines, placed.Value.Warning ?? NearExpiryNote(lines));
    }

    /// <summary>选批号: the selected line's boxes from another batch.</summary>
    public async Task<Result<Entered>> ChooseBatchAsync(Sale sale, int lineIndex, long batchId, CancellationToken ct = default)
    {
        if (lineIndex < 0 || lineIndex >= sale.Lines.Count) return PosErrors.NoLineSelected;
        var line = sale.Lines[lineIndex];
        if (line.Batch?.Id == batchId) return new Entered([line], null);
        var stock = await BatchesOfAsync(line.Drug.Code, ct);
        var current = await settings.CurrentAsync(ct);
        // The line's own boxes leave its batch, so they do not count against the one chosen.
        var without = stock.Select(s => s.Batch.Id == line.Batch?.Id ? s with { OnHand = s.OnHand + line.StockUnits } : s).ToList();
        var placed = StockAtSale.Place(line.Drug, line.Quantity, without, sale, batchId, Today, current.NearExpiryDays, current.RefuseOutOfStock, line.IsSplit);
        if (!placed.IsSuccess) return placed.Error;
        var moved = sale.MoveToBatch(lineIndex, placed.Value.Parts[0].Batch!);
        return moved.IsSuccess ? new Entered([moved.Value], placed.Value.Warning ?? NearExpiryNote([moved.Value])) : moved.Error;
    }

    /// <summary>A new quantity for a line, within what its batch holds (or with a warning, as the store chooses).</summary>
    public async Task<Result<Entered>> ChangeQuantityAsync(Sale sale, int lineIndex, int quantity, CancellationToken ct = default)
    {
        if (lineIndex < 0 || lineIndex >= sale.Lines.Count) return PosErrors.NoLineSelected;
        var line = sale.Lines[lineIndex];
        string? warning = null;
        if (line.Drug.ContainsEphedrine && quantity > line.Quantity
            && Domain.Regulated.RegulatedSale.LimitOnEntry(sale, line.Drug, quantity - line.Quantity, (await settings.CurrentAsync(ct)).EphedrineLimit, line.IsSplit) is { } overLimit)
            return overLimit;
        if (line.Batch is { } batch && quantity > line.Quantity)
        {
            var onHand = (await BatchesOfAsync(line.Drug.Code, ct)).FirstOrDefault(s => s.Batch.Id == batch.Id)?.OnHand ?? 0;
            var free = (int)Math.Floor((onHand - (sale.StockUnitsFrom(batch.Id) - line.StockUnits)) / (double)line.UnitsPerQuantity);
            if (quantity > free)
            {
                var current = await settings.CurrentAsync(ct);
                var shortage = StockAtSale.Short(line.Drug, free, batch.LotNo, current.RefuseOutOfStock, line.Unit);
                if (current.RefuseOutOfStock) return shortage;
                warning = shortage.Message;
            }
        }
        var changed = sale.ChangeQuantity(lineIndex, quantity);
        return changed.IsSuccess ? new Entered([changed.Value], warning) : changed.Error;
    }

    /// <summary>
    /// At payment, before anything is sent: a batch that no longer holds the boxes — another till
    /// sold them, or is waiting for its buyer to pay for them — stops the payment when the store
    /// refuses missing stock; otherwise the sale goes on and the shortfall shows on the 库存 page.
    /// Boxes on a payment still waiting count as taken, so two tills racing for the last box within
    /// a buyer's 60 s are told apart here, not by a shortfall afterwards.
    /// </summary>
    public async Task<PosError?> CheckBeforePaymentAsync(Sale sale, CancellationToken ct = default)
    {
        var ids = sale.Lines.Where(l => l.Batch is not null).Select(l => l.Batch!.Id).Distinct().ToList();
        if (ids.Count == 0 || !(await settings.CurrentAsync(ct)).RefuseOutOfStock) return null;
        var storeId = terminal.Value.StoreId;
        var onHand = await db.Batches.AsNoTracking().Where(b => b.StoreId == storeId && ids.Contains(b.Id))
            .Select(b => new { b.Id, OnHand = EF.Property<int>(b, StockBalances.OnHand) }).ToDictionaryAsync(b => b.Id, b => b.OnHand, ct);
        var waiting = await db.Orders.AsNoTracking().Where(o => o.StoreId == storeId && o.Status == OrderStatus.Pending)
            .SelectMany(o => o.Lines).Where(l => l.BatchId != null && ids.Contains(l.BatchId.Value))
            .GroupBy(l => l.BatchId!.Value).Select(g => new { g.Key, Sum = g.Sum(l => l.Quantity * l.UnitsPerQuantity) }).ToDictionaryAsync(x => x.Key, x => x.Sum, ct);
        return StockAtSale.Gone(sale, onHand.ToDictionary(b => b.Key, b => b.Value - waiting.GetValueOrDefault(b.Key)));
    }

    /// <summary>
    /// 拆零 on the selected line: a box line becomes one split unit (the cashier then types how
    /// many), a split line one box. The line's place is kept; refused (stock, limit), the line stays as it was.
    /// </summary>
    public async Task<Result<Entered>> SwitchUnitAsync(Sale sale, int lineIndex, CancellationToken ct = default)
    {
        if (lineIndex < 0 || lineIndex >= sale.Lines.Count) return PosErrors.NoLineSelected;
        var line = sale.Lines[lineIndex];
        if (line.Drug.Split is null) return Sale.NotSplittable(line.Drug);
        sale.Remove(lineIndex);
        var entered = await EnterAsync(sale, line.Drug, 1, line.Batch?.LotNo, ct, split: !line.IsSplit);
        if (!entered.IsSuccess && line.Batch is not null) entered = await EnterAsync(sale, line.Drug, 1, null, ct, split: !line.IsSplit);
        if (!entered.IsSuccess)
        {
            sale.Insert(lineIndex, line);
            return entered.Error;
        }
        var moved = entered.Value.Lines[^1];
        sale.MoveLine(sale.IndexOf(moved), Math.Min(lineIndex, sale.Lines.Count - 1));
        return entered.Value;
    }

    private static void Undo(Sale sale, SaleLine line, int added)
    {
        var index = sale.IndexOf(line);
        if (line.Quantity == added) sale.Remove(index);
        else sale.ChangeQuantity(index, line.Quantity - added);
    }

    private static string? NearExpiryNote(IEnumerable<SaleLine> lines) =>
        lines.FirstOrDefault(l => l.Batch?.NearExpiry == true) is { } near
            ? $"{near.Drug.Name} 批号 {near.Batch!.LotNo} 为近效期药品（有效期至 {near.Batch.ExpiresOn:yyyy-MM-dd}），请提示顾客。"
            : null;
}
