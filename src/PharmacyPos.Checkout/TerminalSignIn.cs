using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Checkout;

/// <summary>The configured terminal is not the store's it claims to be: the POS must not issue 交易号s under it.</summary>
public sealed class TerminalRejectedException(string message) : Exception(message);

/// <summary>
/// At start-up the till signs in as a terminal of one store. A new store or terminal is
/// registered the first time it appears (a new till being set up); a store id whose number
/// differs from the one configured is refused, because its 交易号s could collide with another store's.
/// </summary>
public sealed class TerminalSignIn(PosDbContext db, IOptions<TerminalOptions> options, TimeProvider clock)
{
    public async Task<Terminal> SignInAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var store = await db.Stores.SingleOrDefaultAsync(s => s.Id == o.StoreId, ct);
        if (store is null)
        {
            if (await db.Stores.AnyAsync(s => s.No == o.StoreNo, ct))
                throw new TerminalRejectedException($"门店编号 {o.StoreNo:D4} 已属于另一家门店，请检查 Terminal:StoreId 和 Terminal:StoreNo 设置。");
            store = db.Stores.Add(Store.Open(o.StoreId, o.StoreNo, $"门店{o.StoreNo:D4}")).Entity;
        }
        else if (store.No != o.StoreNo)
        {
            throw new TerminalRejectedException($"门店 {o.StoreId} 的编号是 {store.No:D4}，与设置的 {o.StoreNo:D4} 不符，收银系统不能以此身份开单。");
        }
        var terminal = await db.Terminals.SingleOrDefaultAsync(t => t.StoreId == o.StoreId && t.No == o.TerminalNo, ct)
                       ?? db.Terminals.Add(Terminal.Register(o.StoreId, o.TerminalNo, o.TerminalId)).Entity;
        terminal.SignedIn(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return terminal;
    }
}
