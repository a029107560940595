using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Checkout;

/// <summary>
/// The last look before an order is written and a channel is asked for money, the same for every
/// way of paying: the day is not closed, the regulated drugs' paperwork is in order, the boxes are still there.
/// </summary>
public sealed class PaymentGate(TradeNos tradeNos, Regulated.RegulatedChecks regulated, Stock.TillStock stock)
{
    public async Task<PosError?> RefusalAsync(Sale sale, CancellationToken ct = default) =>
        await tradeNos.RefusalOnClosedDayAsync(ct)
        ?? await regulated.RefusalAsync(sale, ct)
        ?? await stock.CheckBeforePaymentAsync(sale, ct);
}
