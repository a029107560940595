using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Checkout.Mobile;

/// <summary>What the till shows about one payment attempt.</summary>
/// <param name="ChannelSilent">The channel's last call got no answer (timeout, 5xx, reset): the till says the channel is
/// unreachable and the result is being checked, not that the customer has yet to confirm.</param>
public sealed record AttemptView(long OrderId, TradeNo TradeNo, PaymentMethod Method, OrderStatus Status, Money Total,
    string? RouteExplanation, DateTimeOffset? Deadline, bool Cancelling, PosError? Failure, bool ScriptA, bool ChannelSilent = false);

public abstract record ScanResult
{
    private ScanResult() { }

    /// <summary>Nothing was sent for payment; the sale stays as it is.</summary>
    public sealed record Refused(PosError Error, bool ScriptA = false) : ScanResult;

    /// <summary>The strict rule: the registration form must be complete before the payment is sent.</summary>
    public sealed record NeedsRegistration(SettlementRoute Route, IReadOnlyDictionary<string, string> Errors) : ScanResult;

    public sealed record Started(AttemptView Attempt) : ScanResult;
}

/// <summary>
/// 扫码结算 (operating guide A, 注意事项 1–4): classify the scan, decide the route, enforce the
/// registration rule, write the order before any channel call, then pay, and while the buyer has
/// not confirmed, query until the 60 s are up and cancel then.
/// </summary>
public sealed class MobileCheckout(
    PosDbContext db,
    TradeNos tradeNos,
    PaymentChannels channels,
    IInsurancePlatform platform,
    IOptions<TerminalOptions> terminal,
    IOptions<MobilePaymentOptions> options,
    Settings.StoreSettingsService settings,
    PaymentGate gate,
    TimeProvider clock,
    ILogger<MobileCheckout> log)
{
    public async Task<ScanResult> ScanAsync(Sale sale, string? scanned, PurchaseRegistration.Form? form, CancellationToken ct = default)
    {
        if (sale.IsEmpty) return new ScanResult.Refused(PosErrors.SaleEmpty);
        // One trace per payment: the person lookup, the order, every channel call under it, tagged with the 交易号 once it has one.
        using var activity = Channels.ChannelMetrics.Activities.StartActivity("payment");
        var classified = PaymentCode.Classify(scanned);
        if (!classified.IsSuccess)
        {
            log.LogWarning("Scan refused: {Length} characters do not classify as a payment code", scanned?.Length ?? 0);
            return new ScanResult.Refused(classified.Error);
        }
        var code = classified.Value;

        var tender = new Tender.PhoneCode(code);
        var route = SettlementRoute.WithoutAskingPlatform(sale, code);
        InsuredPerson? insured = null;
        if (route is null)
        {
            var lookup = await platform.FindPersonAsync(tender.Presented, Certificates.Of(tender), ct);
            if (lookup.AsPlatformAnswer() is not { } answer)
            {
                log.LogWarning("Code {Code}: platform lookup gave {Lookup}", code, lookup);
                return new ScanResult.Refused(lookup is PersonLookup.Invalid ? PaymentErrors.CodeInvalid : InsurancePlatformUnavailable);
            }
            insured = (lookup as PersonLookup.Found)?.Person;
            route = SettlementRoute.Decide(sale, code, answer);
        }
        log.LogInformation("Code {Code} ({Wallet}): route {Method} because {Reason}", code, code.Wallet, route.Method, route.Reason);

        return await SettleAsync(sale, new Decision(route, tender, insured), form, ct);
    }

    /// <summary>How this sale is to be paid: the route, what the buyer presented, and the person a 1101 found for it.</summary>
    /// <param name="Insured">The person the route was decided for: the insurance channel settles for them without a second 1101.</param>
    private sealed record Decision(SettlementRoute Route, Tender Tender, InsuredPerson? Insured);

    private async Task<ScanResult> SettleAsync(Sale sale, Decision decision, PurchaseRegistration.Form? form, CancellationToken ct)
    {
        var route = decision.Route;
        PurchaseRegistration? registration = null;
        // The store's threshold is read only when the rule can apply: a wallet payment costs no extra query.
        if (RegistrationRule.CanApply(route.Method)
            && RegistrationRule.Applies(route.Method, sale.Total, (await settings.CurrentAsync(ct)).RegistrationThreshold))
        {
            if (form is null) return new ScanResult.NeedsRegistration(route, new Dictionary<string, string>());
            var (filled, errors) = PurchaseRegistration.Fill(form, route.Insured!.InsuredName, route.Insured.PsnNo, route.Method, sale.Total);
            if (filled is null) return new ScanResult.NeedsRegistration(route, errors);
            registration = filled;
        }

        Order order;
        try
        {
            if (await gate.RefusalAsync(sale, ct) is { } gone)
            {
                log.LogWarning("Payment not sent: {Error}", gone);
                return new ScanResult.Refused(gone);
            }
            order = await WriteOrderAsync(sale, route, registration, ct);
            System.Diagnostics.Activity.Current?.SetTag("pharmacypos.trade_no", order.TradeNo.Value);
            System.Diagnostics.Activity.Current?.SetTag("pharmacypos.method", order.Method.ToString());
        }
        catch (Exception e) when (StorageFailures.Classify(e) is { } failure)
        {
            // Write-ahead: a payment whose order is not on disk is never sent.
            log.LogError(e, "Order could not be written ({Method} {Total}, {Failure}); nothing was sent to the channel", route.Method, sale.Total, failure);
            DetachUnsaved();
            return new ScanResult.Refused(StorageFailures.ErrorFor(failure, NotCharged));
        }
        var payment = new ChannelPayment(order.TradeNo, order.Total, decision.Tender, Subject(sale), order.Lines);
        var outcome = route.Method is PaymentMethod.InsuranceAccount or PaymentMethod.SocialSecurityCard && decision.Insured is { } person
            ? await platform.SettleAsync(new InsuranceSettlement(payment, person), ct)
            : await channels.For(order.Method).PayAsync(payment, ct);
        log.LogInformation("Order {TradeNo}: pay answered {Outcome}", order.TradeNo, outcome);
        Apply(order, outcome, "支付请求");
        try
        {
            await db.SaveChangesAsync(ct);
            // Withdrawn at once, now that the decision is on disk: the cashier hears the result while the customer is there.
            if (outcome is ChannelOutcome.Withdrawing)
            {
                var unanswered = await CancelAsync(order, channels.For(order.Method), ct);
                await db.SaveChangesAsync(ct);
                return new ScanResult.Started(View(order, route.CallsForScriptA, silent: unanswered));
            }
        }
        catch (Exception e) when (StorageFailures.Classify(e) is not null)
        {
            // The order is on disk as pending with its 交易号; the next poll or recovery asks the channel again
            // (or, withdrawing, cancels again: an order whose withdrawal was not saved was never withdrawn).
            log.LogError(e, "Order {TradeNo}: the answer {Outcome} could not be saved; it will be asked for again", order.TradeNo, outcome);
        }
        return new ScanResult.Started(View(order, route.CallsForScriptA, silent: outcome is ChannelOutcome.Unknown));
    }

    /// <summary>
    /// 刷社保卡: the card number from the reader (a keyboard wedge, like the scanner) or typed.
    /// Settles with certificate type 03 through the same write-first path; the same registration rule.
    /// </summary>
    public async Task<ScanResult> SwipeCardAsync(Sale sale, string? cardNo, PurchaseRegistration.Form? form, CancellationToken ct = default)
    {
        if (sale.IsEmpty) return new ScanResult.Refused(PosErrors.SaleEmpty);
        var number = cardNo?.Trim() ?? "";
        if (number.Length is < 6 or > 30 || !number.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            return new ScanResult.Refused(CardUnreadable);
        var tender = new Tender.SocialSecurityCard(number);
        var lookup = await platform.FindPersonAsync(tender.Presented, Certificates.Of(tender), ct);
        if (lookup is not PersonLookup.Found found)
        {
            log.LogWarning("Card lookup gave {Lookup}", lookup);
            return new ScanResult.Refused(lookup is PersonLookup.Unknown ? InsurancePlatformUnavailableForCard : CardUnreadable);
        }
        var route = SettlementRoute.ForCard(sale, found.Person.AsBound());
        if (!route.IsSuccess) return new ScanResult.Refused(route.Error);
        return await SettleAsync(sale, new Decision(route.Value, tender, found.Person), form, ct);
    }

    /// <summary>One step of the wait: query, or once the 60 s are up, cancel. Safe to call any number of times,
    /// from the till and from recovery at once: whoever saves second re-reads what the first decided.</summary>
    /// <param name="unattended">Recovery is asking, not a till: a final outcome is flagged for the terminal's next cashier.</param>
    public async Task<AttemptView> PollAsync(long orderId, CancellationToken ct = default, bool unattended = false) =>
        await PollAsync(o => o.Id == orderId, ct, unattended) ?? throw new InvalidOperationException($"Order {orderId} does not exist.");

    /// <summary>The API's poll: by 交易号, in this store; null when there is no such order.</summary>
    public Task<AttemptView?> PollAsync(TradeNo tradeNo, CancellationToken ct = default) => PollAsync(o => o.TradeNo == tradeNo, ct, unattended: false);

    private async Task<AttemptView?> PollAsync(System.Linq.Expressions.Expression<Func<Order, bool>> which, CancellationToken ct, bool unattended)
    {
        try
        {
            var order = await db.Orders.SingleOrDefaultAsync(which, ct);
            if (order is null) return null;
            if (order.IsFinal) return View(order);
            var silent = await StepAsync(order, ct);
            if (unattended) order.MarkSettledUnattended();
            await db.SaveChangesAsync(ct);
            return View(order, silent: silent);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            log.LogInformation("Order {Which} was moved on by another worker; reading its state again", which);
            return View(await db.Orders.AsNoTracking().SingleAsync(which, ct));
        }
    }

    /// <returns>Whether the channel left this step's call unanswered.</returns>
    private async Task<bool> StepAsync(Order order, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var channel = channels.For(order.Method);
        if (!order.CancelRequested && order.ConfirmDeadline is { } deadline && now >= deadline)
        {
            // Last look before giving up: a buyer who did confirm keeps the sale they paid for.
            var last = await channel.QueryAsync(order.TradeNo.Value, ct);
            if (last is ChannelOutcome.Paid)
            {
                Apply(order, last, "查询");
                return false;
            }
            // The reason on the screen is the true one: a channel that does not answer is not a customer who did not confirm.
            order.RequestCancel(last is ChannelOutcome.Unknown ? PaymentErrors.ChannelNoAnswer : PaymentErrors.NotConfirmedInTime, clock.GetUtcNow());
            await db.SaveChangesAsync(ct); // the decision to cancel is on disk before the cancel is sent
            log.LogInformation("Order {TradeNo}: not confirmed within the window ({Last}), cancelling", order.TradeNo, last);
        }
        if (order.CancelRequested) return await CancelAsync(order, channel, ct);
        var outcome = await channel.QueryAsync(order.TradeNo.Value, ct);
        log.LogInformation("Order {TradeNo}: query answered {Outcome}", order.TradeNo, outcome);
        // Not found yet is not failure: the payment request may still be on its way.
        if (outcome is not ChannelOutcome.Failed { Reason: ChannelFailure.TradeNotFound }) Apply(order, outcome, null);
        return outcome is ChannelOutcome.Unknown;
    }

    /// <summary>The cashier gives up on this attempt: it is cancelled like a timed-out one.</summary>
    public async Task<AttemptView> AbandonAsync(long orderId, CancellationToken ct = default) =>
        await AbandonAsync(await db.Orders.SingleAsync(o => o.Id == orderId, ct), ct);

    /// <summary>The API's 放弃: by 交易号, in this store; null when there is no such order.</summary>
    public async Task<AttemptView?> AbandonAsync(TradeNo tradeNo, CancellationToken ct = default) =>
        await db.Orders.SingleOrDefaultAsync(o => o.TradeNo == tradeNo, ct) is { } order ? await AbandonAsync(order, ct) : null;

    private async Task<AttemptView> AbandonAsync(Order order, CancellationToken ct)
    {
        if (order.IsFinal) return View(order);
        order.RequestCancel(CashierAbandoned, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        log.LogInformation("Order {TradeNo}: abandoned by the cashier, cancelling", order.TradeNo);
        return await PollAsync(order.Id, ct);
    }

    private async Task<bool> CancelAsync(Order order, IPaymentChannel channel, CancellationToken ct)
    {
        var cancelled = await channel.CancelAsync(new OpenPayment(order.TradeNo.Value, order.PsnNo), ct);
        log.LogInformation("Order {TradeNo}: cancel answered {Outcome}", order.TradeNo, cancelled);
        switch (cancelled)
        {
            case CancelOutcome.Cancelled:
                order.MarkFailed(new PosError(order.FailureCode!, order.FailureMessage!), clock.GetUtcNow());
                break;
            case CancelOutcome.Failed:
                // The channel will not cancel: only its own word on the trade decides now.
                Apply(order, await channel.QueryAsync(order.TradeNo.Value, ct), "撤销被拒后查询");
                break;
            default:
                order.RecordAnswer("撤销", JournalText.Of(cancelled), clock.GetUtcNow());
                break;
            // Retry and Unknown: the next poll cancels again, with the same 交易号.
        }
        return cancelled is CancelOutcome.Unknown;
    }

    /// <param name="call">Set when an answer that settles nothing should still be journalled (the pay request's).</param>
    private void Apply(Order order, ChannelOutcome outcome, string? call)
    {
        var now = clock.GetUtcNow();
        switch (outcome)
        {
            case ChannelOutcome.Paid paid when paid.Amount == order.Total:
                order.MarkPaid(paid.ChannelTradeId, now);
                break;
            case ChannelOutcome.Paid paid:
                log.LogError("Order {TradeNo}: channel reports {Paid} paid for a total of {Total}", order.TradeNo, paid.Amount, order.Total);
                break;
            case ChannelOutcome.Failed failed when !order.CancelRequested || failed.Reason != ChannelFailure.TradeNotFound:
                order.MarkFailed(PaymentChannels.ErrorFor(failed.Reason, order.Method), now);
                break;
            case ChannelOutcome.Withdrawing:
                // From here only the cancel decides (the wait and recovery cancel a CancelRequested order, never query it into paid).
                if (call is not null) order.RecordAnswer(call, JournalText.Of(outcome), now);
                order.RequestCancel(PaymentErrors.SettlementReversed, now);
                break;
            default:
                if (call is not null) order.RecordAnswer(call, JournalText.Of(outcome), now);
                break;
        }
    }

    private async Task<Order> WriteOrderAsync(Sale sale, SettlementRoute route, PurchaseRegistration? registration, CancellationToken ct)
    {
        var t = terminal.Value;
        if (registration is not null) db.Add(registration);
        var order = await tradeNos.SaveNewAsync((tradeNo, now) =>
        {
            registration?.Attach(tradeNo, t.StoreId, now);
            return Order.StartPayment(tradeNo, t.StoreId, t.TerminalId, now, sale, route, options.Value.ConfirmWindow);
        }, ct, sale);
        log.LogInformation("Order {TradeNo} written: {Method} {Total}, {Lines} lines, registered {Registered}",
            order.TradeNo, order.Method, order.Total, order.Lines.Count, registration is not null);
        return order;
    }

    private void DetachUnsaved()
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).ToList())
            entry.State = EntityState.Detached;
    }

    private AttemptView View(Order o, bool scriptA = false, bool silent = false) => new(o.Id, o.TradeNo, o.Method, o.Status, o.Total,
        o.RouteExplanation, o.ConfirmDeadline, o.CancelRequested && !o.IsFinal,
        o.Status == OrderStatus.Failed && o.FailureCode is not null ? new PosError(o.FailureCode, o.FailureMessage ?? "") : null, scriptA,
        silent && !o.IsFinal);

    private static string Subject(Sale sale) =>
        sale.Lines.Count == 1 ? sale.Lines[0].Drug.Name : $"{sale.Lines[0].Drug.Name}等{sale.Lines.Count}种药品";

    public static readonly PosError InsurancePlatformUnavailable =
        new("INSURANCE_UNAVAILABLE", "医保平台暂时无法连接，未发起扣款。请稍后重新扫码，或改用其他方式支付。", ErrorKind.Unavailable);

    public static readonly PosError InsurancePlatformUnavailableForCard =
        new("INSURANCE_UNAVAILABLE", "医保平台暂时无法连接，未发起扣款。请稍后重新刷卡，或改用其他方式支付。", ErrorKind.Unavailable);

    public static readonly PosError CardUnreadable = new("CARD_UNREADABLE", "社保卡信息读取失败或卡号无效，请重新刷卡或手工输入卡号。");

    private const string NotCharged = "订单未保存，未发起扣款";

    public static readonly PosError CashierAbandoned = new("CASHIER_ABANDONED", "收银员已取消本次支付，未扣款。如需结算请重新扫码。");
}
