using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Reconciliation;

/// <summary>
/// 补记 from 对账: a payment the channel took (渠道已扣款，收银系统未记为已付) that this store's POS has
/// no order for — after a restore from a backup older than the payment. The channel is asked again
/// (its signed query, not the bill line), and only a payment it confirms, for this store, is entered.
/// </summary>
public sealed class Reattachment(PosDbContext db, PaymentChannels channels, IOptions<TerminalOptions> terminal, TimeProvider clock,
    ILogger<Reattachment> log)
{
    public static readonly PosError NotAllowed = new("REATTACH_FORBIDDEN", "补记订单须由店长或管理员操作。", ErrorKind.Forbidden);

    public async Task<Result<Order>> ReattachAsync(string? tradeNoText, PaymentMethod method, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.ManageCash)) return NotAllowed;
        if (!TradeNo.TryParse(tradeNoText, out var tradeNo)) return PosErrors.TradeNoMalformed(tradeNoText ?? "");
        if (tradeNo.StoreNo != terminal.Value.StoreNo)
            return new PosError("REATTACH_OTHER_STORE", $"交易号 {tradeNo} 不是本店（{terminal.Value.StoreNo:D4}）的交易，不能补记。");
        if (method is not (PaymentMethod.Alipay or PaymentMethod.WeChatPay or PaymentMethod.InsuranceAccount))
            return new PosError("REATTACH_METHOD_INVALID", "只有支付宝、微信和医保个人账户的交易可以按渠道记录补记。");
        if (await db.Orders.AnyAsync(o => o.TradeNo == tradeNo, ct))
            return new PosError("REATTACH_ORDER_EXISTS", $"交易号 {tradeNo} 已有订单，无需补记；如状态不符，请等待自动核实或在订单查询中核实。", ErrorKind.Conflict);

        var answer = await channels.For(method).QueryAsync(tradeNo.Value, ct);
        if (answer is not ChannelOutcome.Paid paid)
            return new PosError("REATTACH_NOT_PAID", $"渠道查询该交易未扣款（{answer}），不补记。", ErrorKind.Conflict);

        var order = Order.Reattach(tradeNo, terminal.Value.StoreId, method, paid.Amount, paid.ChannelTradeId, clock.GetUtcNow());
        db.Orders.Add(order);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageFailures.Is(e, StorageFailure.UniqueViolation))
        {
            return new PosError("REATTACH_ORDER_EXISTS", $"交易号 {tradeNo} 已有订单（另一台终端刚刚补记），无需补记。", ErrorKind.Conflict);
        }
        log.LogWarning("Order {TradeNo} reattached from the {Method} channel's record: {Amount}, channel trade {ChannelTradeId}, by {Actor}",
            tradeNo, method, paid.Amount, paid.ChannelTradeId, db.Actor.UserName);
        return order;
    }
}
