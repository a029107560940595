using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Checkout.Sales;

/// <summary>What 取单 brought back, and what the cashier should know about it (a lot gone, a drug no longer sold).</summary>
public sealed record Recalled(ParkedSale Parked, IReadOnlyList<string> Notes);

/// <summary>
/// 挂单/取单 at one till: a sale set aside is saved (it survives a restart), listed newest first, and
/// brought back by re-entering each line through <see cref="Stock.TillStock"/> — today's price,
/// the lot it had if that lot may still be sold, else first expiry first — then deleted.
/// </summary>
public sealed class ParkedSales(PosDbContext db, Stock.TillStock stock, IOptions<TerminalOptions> terminal, TimeProvider clock)
{
    public static readonly PosError TooMany = new("TOO_MANY_PARKED", $"本收银台已有 {ParkedSale.MaxPerTerminal} 笔挂单，请先取单或删除。", ErrorKind.Conflict);
    public static readonly PosError SaleInProgress = new("SALE_IN_PROGRESS", "当前还有未结算的药品：请先结算或挂单，再取单。", ErrorKind.Conflict);
    public static readonly PosError NotFound = new("PARKED_NOT_FOUND", "这笔挂单已被取走或删除。", ErrorKind.NotFound);

    public async Task<Result<ParkedSale>> ParkAsync(Sale sale, CancellationToken ct = default)
    {
        var t = terminal.Value;
        if (await db.ParkedSales.CountAsync(p => p.StoreId == t.StoreId && p.TerminalId == t.TerminalId, ct) >= ParkedSale.MaxPerTerminal) return TooMany;
        var parked = ParkedSale.Park(sale, t.StoreId, t.TerminalId, db.Actor.IsStaff ? db.Actor.DisplayName : null, clock.GetUtcNow());
        if (!parked.IsSuccess) return parked.Error!;
        db.ParkedSales.Add(parked.Value);
        await db.SaveChangesAsync(ct);
        return parked.Value;
    }

    public async Task<IReadOnlyList<ParkedSale>> ListAsync(CancellationToken ct = default)
    {
        var t = terminal.Value;
        return await db.ParkedSales.AsNoTracking().Where(p => p.StoreId == t.StoreId && p.TerminalId == t.TerminalId)
            .OrderByDescending(p => p.ParkedAt).ThenByDescending(p => p.Id).ToListAsync(ct);
    }

    /// <summary>Into an empty sale only: two customers' drugs never mix.</summary>
    public async Task<Result<Recalled>> RecallAsync(long id, Sale into, CancellationToken ct = default)
    {
        if (!into.IsEmpty) return SaleInProgress;
        var parked = await db.ParkedSales.SingleOrDefaultAsync(p => p.Id == id && p.StoreId == terminal.Value.StoreId, ct);
        if (parked is null) return NotFound;
        var notes = new List<string>();
        foreach (var item in parked.Items)
        {
            var drug = await db.Drugs.AsNoTracking().SingleOrDefaultAsync(d => d.Code == item.DrugCode, ct);
            if (drug is null) { notes.Add($"{item.DrugCode} 已不在药品目录中，未取回。"); continue; }
            var entered = await stock.EnterAsync(into, drug, item.Quantity, item.LotNo, ct, item.Split);
            if (!entered.IsSuccess && item.LotNo is not null)
            {
                // The lot it had is sold out or expired since: first expiry first, like a new scan.
                entered = await stock.EnterAsync(into, drug, item.Quantity, null, ct, item.Split);
                if (entered.IsSuccess) notes.Add($"{drug.Name} 原批号 {item.LotNo} 已不可售，改按近效期先出取批号。");
            }
            if (!entered.IsSuccess) notes.Add($"{drug.Name} × {item.Quantity} 未取回：{entered.Error!.Message}");
            else if (entered.Value.Warning is { } warning) notes.Add(warning);
        }
        db.ParkedSales.Remove(parked);
        await db.SaveChangesAsync(ct);
        return new Recalled(parked, notes);
    }

    public async Task<PosError?> DiscardAsync(long id, CancellationToken ct = default) =>
        await db.ParkedSales.Where(p => p.Id == id && p.StoreId == terminal.Value.StoreId).ExecuteDeleteAsync(ct) == 0 ? NotFound : null;
}
