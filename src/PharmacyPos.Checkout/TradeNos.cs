using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Checkout;

/// <summary>
/// Draws 交易号s and saves the order that carries one. The unique index on the 交易号 is the
/// arbiter: on the rare collision, the order is saved again under a fresh number.
/// </summary>
public sealed class TradeNos(PosDbContext db, IOptions<TerminalOptions> terminal, TimeProvider clock)
{
    private const int Attempts = 5;

    public static readonly Domain.Errors.PosError DayClosed =
        new("DAY_CLOSED", "今日已日结，不能再收款。如需继续营业，请联系店长。", Domain.Errors.ErrorKind.Conflict);

    /// <summary>
    /// After 日结 the day's figures do not change: a payment on a closed day is refused before
    /// anything is written or charged (refunds and recovery of earlier payments go on; they count on their own day).
    /// </summary>
    public async Task<Domain.Errors.PosError?> RefusalOnClosedDayAsync(CancellationToken ct)
    {
        var today = BeijingTime.Today(clock);
        return await db.DayCloses.AnyAsync(c => c.StoreId == terminal.Value.StoreId && c.Day == today, ct) ? DayClosed : null;
    }

    /// <summary>
    /// Saves a new order under a fresh 交易号, with the 处方登记, 含麻黄碱 and 拆零 register rows its
    /// <paramref name="sale"/> leaves, in the same transaction: no regulated sale without its record.
    /// </summary>
    public async Task<Order> SaveNewAsync(Func<TradeNo, DateTimeOffset, Order> create, CancellationToken ct, Domain.Sales.Sale? sale = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = BeijingTime.Now(clock);
            var tradeNo = TradeNo.New(now, terminal.Value.StoreNo, terminal.Value.TerminalNo, Random.Shared);
            var order = create(tradeNo, now);
            db.Orders.Add(order);
            var records = sale is null ? [] : Domain.Regulated.RegulatedSale.Records(sale, tradeNo, order.StoreId, now).All.ToList();
            db.AddRange(records);
            try
            {
                await db.SaveChangesAsync(ct);
                return order;
            }
            catch (DbUpdateException e) when (attempt < Attempts && StorageFailures.Is(e, StorageFailure.UniqueViolation))
            {
                db.Entry(order).State = EntityState.Detached;
                foreach (var line in order.Lines) db.Entry(line).State = EntityState.Detached;
                foreach (var row in records) db.Entry(row).State = EntityState.Detached;
            }
        }
    }
}
