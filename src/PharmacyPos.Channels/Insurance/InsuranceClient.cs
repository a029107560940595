using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Channels.Insurance;

/// <summary>
/// The national medical-insurance information platform as a payment channel: who is behind a
/// code or card (1101), settlement from the personal account (2101 → 2102), 冲正 of a settlement
/// whose answer never came (2601), its query (5203), cancel and refund of a settlement by its
/// setl_id (2103), the day's totals (3201) and the day's sign-out (9002). The wire is <see cref="InsuranceSession"/>.
/// </summary>
public sealed class InsuranceClient(HttpClient http, IOptions<InsuranceOptions> options, TimeProvider clock, ILogger<InsuranceClient> log) : IPaymentChannel, IInsurancePlatform
{
    private readonly InsuranceOptions _options = options.Value;
    private readonly InsuranceSession _session = new(http, options.Value, clock, log);

    public PaymentMethod Method => PaymentMethod.InsuranceAccount;

    public async Task<PersonLookup> FindPersonAsync(string certNo, CertificateType type, CancellationToken ct = default)
    {
        var (a, unknown) = await _session.CallAsync(Infno.PersonInfo, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["mdtrt_cert_type"] = CertTypeCode(type),
                ["mdtrt_cert_no"] = certNo,
                ["card_sn"] = "",
                ["begntime"] = "",
                ["psn_cert_type"] = "",
                ["certno"] = "",
                ["psn_name"] = "",
            },
        }, certNo[..Math.Min(4, certNo.Length)] + "****", ct);
        if (a is null) return new PersonLookup.Unknown(unknown!);
        if (!a.Ok)
        {
            return a.Reason switch
            {
                InsuranceReasons.NotBound => new PersonLookup.NotBound(a.ErrMsg),
                InsuranceReasons.CodeInvalid => new PersonLookup.Invalid(a.ErrMsg),
                _ => new PersonLookup.Unknown(a.ErrMsg),
            };
        }
        var baseinfo = a.Output?["baseinfo"];
        var insuinfo = (a.Output?["insuinfo"] as JsonArray)?.FirstOrDefault(i => InsuranceAnswer.Text(i?["insutype"]) == _options.InsuType)
                       ?? (a.Output?["insuinfo"] as JsonArray)?.FirstOrDefault();
        if (baseinfo is null || insuinfo is null || !Money.TryParse(InsuranceAnswer.Text(insuinfo["balc"]), out var balance))
            return new PersonLookup.Unknown("1101 answer without baseinfo/insuinfo");
        return new PersonLookup.Found(new InsuredPerson(
            InsuranceAnswer.Text(baseinfo["psn_no"]), InsuranceAnswer.Text(baseinfo["psn_name"]),
            InsuranceAnswer.Text(baseinfo["certno"]), InsuranceAnswer.Text(insuinfo["insutype"]), balance));
    }

    /// <summary>1101 → 2101 pre-settlement → 2102 settlement from the personal account.</summary>
    public async Task<ChannelOutcome> PayAsync(ChannelPayment payment, CancellationToken ct = default) =>
        await FindPersonAsync(payment.Tender.Presented, Certificates.Of(payment.Tender), ct) switch
        {
            PersonLookup.Found f => await SettleAsync(new InsuranceSettlement(payment, f.Person), ct),
            PersonLookup.NotBound n => new ChannelOutcome.Failed(ChannelFailure.NotBound, n.Detail),
            PersonLookup.Invalid i => new ChannelOutcome.Failed(ChannelFailure.CodeInvalid, i.Detail),
            PersonLookup.Unknown u => new ChannelOutcome.Unknown(u.Reason),
            _ => throw new InvalidOperationException("unknown lookup"),
        };

    public async Task<ChannelOutcome> SettleAsync(InsuranceSettlement settlement, CancellationToken ct = default)
    {
        var (payment, person) = settlement;
        var input = SettlementInput(payment, person);
        var (pre, preUnknown) = await _session.CallAsync(Infno.PreSettle, input, payment.OutTradeNo, ct);
        if (pre is null) return new ChannelOutcome.Unknown(preUnknown!);
        if (!pre.Ok) return Failure(pre);

        var (settled, unknown) = await _session.CallAsync(Infno.Settle, SettlementInput(payment, person), payment.OutTradeNo, ct,
            SettlementMessageId(payment.OutTradeNo));
        if (settled is not null) return settled.Ok ? Paid(settled) : Failure(settled);

        // The 2102's answer never came: the platform's way back is 冲正 (2601) naming that message, not a guess.
        // The caller sends it (CancelAsync) once its decision to withdraw is on disk: a 2601 sent before that,
        // and a crash, would leave recovery asking 5203, which can still say "settled" while the 2601 is on its way.
        log.LogWarning("Insurance settlement {TradeNo}: no answer ({Reason}); to be withdrawn by 2601", payment.OutTradeNo, unknown);
        return new ChannelOutcome.Withdrawing($"2102 {unknown}");
    }

    /// <summary>
    /// The 2102's msgid for a 交易号: the institution code, the 交易号's own time and its 4-digit tail. Derived,
    /// not stored, so a 冲正 can name it after a restart with nothing but the order; two terminals meet in it
    /// only in one second with the same 4 random digits, and 2601 also names the person, so it cannot undo another's.
    /// </summary>
    public string SettlementMessageId(string outTradeNo) =>
        string.Concat(_options.FixmedinsCode, outTradeNo.AsSpan(0, 14), outTradeNo.AsSpan(outTradeNo.Length - 4));

    /// <summary>2601 of the 2102 sent for this 交易号: settled or waiting, it is undone; never received, it can no longer be taken.</summary>
    private async Task<CancelOutcome> ReverseAsync(OpenPayment payment, CancellationToken ct)
    {
        var (a, unknown) = await _session.CallAsync(Infno.Reverse, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["psn_no"] = payment.PsnNo ?? "",
                ["omsgid"] = SettlementMessageId(payment.OutTradeNo),
                ["oinfno"] = Infno.Settle,
            },
        }, payment.OutTradeNo, ct);
        if (a is null) return new CancelOutcome.Unknown(unknown!);
        if (a.Ok) return new CancelOutcome.Cancelled(MoneyReturned: InsuranceAnswer.Text(a.Output?["acct_pay"]) is { Length: > 0 } p && p != "0.00");
        return a.Reason == InsuranceReasons.NotFound ? new CancelOutcome.Cancelled(MoneyReturned: false) : new CancelOutcome.Failed(a.ErrMsg);
    }

    /// <summary>9002: this till's sign-in ends (the business day's end, or the POS stopping).</summary>
    public Task SignOutAsync(CancellationToken ct = default) => _session.SignOutAsync(ct);

    public async Task<ChannelOutcome> QueryAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (a, unknown) = await _session.CallAsync(Infno.SettlementQuery, new JsonObject
        {
            ["data"] = new JsonObject { ["psn_no"] = "", ["setl_id"] = "", ["mdtrt_id"] = "", ["medins_setl_id"] = outTradeNo },
        }, outTradeNo, ct);
        if (a is null) return new ChannelOutcome.Unknown(unknown!);
        if (!a.Ok)
        {
            return a.Reason == InsuranceReasons.NotFound
                ? new ChannelOutcome.Failed(ChannelFailure.TradeNotFound, a.ErrMsg)
                : Failure(a);
        }
        // A settlement that was cancelled afterwards still was paid; the refund tracks the rest.
        return Paid(a);
    }

    /// <summary>
    /// An open settlement (no setl_id yet: waiting for the buyer, or its answer lost) is withdrawn by 冲正 of its
    /// 2102, which names the person; without the person only 2103 by our settlement id is left.
    /// </summary>
    public Task<CancelOutcome> CancelAsync(OpenPayment payment, CancellationToken ct = default) =>
        payment.PsnNo is { Length: > 0 } ? ReverseAsync(payment, ct) : CancelAsync(payment.OutTradeNo, ct);

    /// <summary>2103: withdraws a settlement still awaiting the buyer, or cancels a settled one.</summary>
    public async Task<CancelOutcome> CancelAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (a, unknown) = await _session.CallAsync(Infno.CancelSettlement, CancelInput(outTradeNo, setlId: ""), outTradeNo, ct);
        if (a is null) return new CancelOutcome.Unknown(unknown!);
        if (a.Ok) return new CancelOutcome.Cancelled(MoneyReturned: InsuranceAnswer.Text(a.Output?["setlinfo"]?["acct_pay"]) is { Length: > 0 } p && p != "0" && p != "0.00");
        return a.Reason is InsuranceReasons.NotFound or InsuranceReasons.AlreadyCancelled or InsuranceReasons.Closed
            ? new CancelOutcome.Cancelled(MoneyReturned: false)
            : new CancelOutcome.Failed(a.ErrMsg);
    }

    /// <summary>A refund is the settlement's cancel (2103); the platform allows it once per setl_id.</summary>
    public async Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (a, unknown) = await _session.CallAsync(Infno.CancelSettlement, CancelInput(refund.OutTradeNo, refund.ChannelTradeId ?? ""), refund.OutTradeNo, ct);
        if (a is null) return new RefundOutcome.Unknown(unknown!);
        if (a.Ok || a.Reason == InsuranceReasons.AlreadyCancelled) return new RefundOutcome.Refunded(refund.RefundAmount);
        return new RefundOutcome.Failed(a.ErrMsg);
    }

    public async Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (a, unknown) = await _session.CallAsync(Infno.SettlementQuery, new JsonObject
        {
            ["data"] = new JsonObject { ["psn_no"] = "", ["setl_id"] = refund.ChannelTradeId ?? "", ["mdtrt_id"] = "", ["medins_setl_id"] = refund.OutTradeNo },
        }, refund.OutTradeNo, ct);
        if (a is null) return new RefundOutcome.Unknown(unknown!);
        if (!a.Ok) return a.Reason == InsuranceReasons.NotFound ? new RefundOutcome.NotFound() : new RefundOutcome.Unknown(a.ErrMsg);
        return InsuranceAnswer.Text(a.Output?["setlinfo"]?["refd_setl_flag"]) == "1"
            ? new RefundOutcome.Refunded(refund.RefundAmount)
            : new RefundOutcome.NotFound();
    }

    /// <summary>3201: the day's totals as we booked them; the platform answers whether they agree.</summary>
    public async Task<(bool? Balanced, string Detail)> ReconcileDayAsync(DateOnly day, Money total, Money accountPaid, int count, CancellationToken ct = default)
    {
        var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (a, unknown) = await _session.CallAsync(Infno.DailyReconciliation, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["insutype"] = _options.InsuType,
                ["clr_type"] = "41",
                ["setl_optins"] = _options.MdtrtareaAdmvs,
                ["stmt_begndate"] = date,
                ["stmt_enddate"] = date,
                ["medfee_sumamt"] = total.ToYuanString(),
                ["fund_pay_sumamt"] = "0.00",
                ["acct_pay"] = accountPaid.ToYuanString(),
                ["fixmedins_setl_cnt"] = count,
            },
        }, "3201 " + date, ct);
        if (a is null) return (null, unknown!);
        if (!a.Ok) return (null, a.ErrMsg);
        var info = a.Output?["stmtinfo"];
        return (InsuranceAnswer.Text(info?["stmt_rslt"]) == "0", InsuranceAnswer.Text(info?["stmt_rslt_dscr"]));
    }

    private JsonObject SettlementInput(ChannelPayment payment, InsuredPerson person)
    {
        var now = BeijingTime.Now(clock).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var details = new JsonArray();
        foreach (var line in payment.Lines)
        {
            details.Add(new JsonObject
            {
                ["feedetl_sn"] = $"{payment.OutTradeNo}{line.LineNo:D3}",
                ["rxno"] = "",
                ["rx_circ_flag"] = "0",
                ["fee_ocur_time"] = now,
                ["med_list_codg"] = line.NationalCode ?? "",
                ["medins_list_codg"] = line.DrugCode,
                ["det_item_fee_sumamt"] = line.Amount.ToYuanString(),
                ["cnt"] = line.Quantity,
                ["pric"] = line.UnitPrice.ToYuanString(),
            });
        }
        return new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["psn_no"] = person.PsnNo,
                ["mdtrt_cert_type"] = CertTypeCode(Certificates.Of(payment.Tender)),
                ["mdtrt_cert_no"] = payment.Tender.Presented,
                ["med_type"] = "41",
                ["begntime"] = now,
                ["medfee_sumamt"] = payment.Amount.ToYuanString(),
                ["psn_setlway"] = "01",
                ["insutype"] = person.InsuType,
                ["acct_used_flag"] = "1",
                ["insuplc_admdvs"] = _options.InsuplcAdmdvs,
                ["medins_setl_id"] = payment.OutTradeNo,
            },
            ["feedetail"] = details,
        };
    }

    private static JsonObject CancelInput(string outTradeNo, string setlId) => new()
    {
        ["data"] = new JsonObject { ["setl_id"] = setlId, ["psn_no"] = "", ["mdtrt_id"] = "", ["medins_setl_id"] = outTradeNo },
    };

    private static string CertTypeCode(CertificateType type) => type switch
    {
        CertificateType.SocialSecurityCard => "03",
        CertificateType.ResidentId => "02",
        _ => "01",
    };

    private static ChannelOutcome Paid(InsuranceAnswer a)
    {
        var setl = a.Output?["setlinfo"];
        return setl is not null && Money.TryParse(InsuranceAnswer.Text(setl["acct_pay"]), out var paid)
            ? new ChannelOutcome.Paid(InsuranceAnswer.Text(setl["setl_id"]), paid)
            : new ChannelOutcome.Unknown("settlement answer without setlinfo.acct_pay");
    }

    private static ChannelOutcome Failure(InsuranceAnswer a) => a.Reason switch
    {
        InsuranceReasons.WaitConfirm => new ChannelOutcome.WaitingForBuyer(),
        InsuranceReasons.BalanceNotEnough => new ChannelOutcome.Failed(ChannelFailure.BalanceNotEnough, a.ErrMsg),
        InsuranceReasons.NotBound => new ChannelOutcome.Failed(ChannelFailure.NotBound, a.ErrMsg),
        InsuranceReasons.CodeInvalid => new ChannelOutcome.Failed(ChannelFailure.CodeInvalid, a.ErrMsg),
        InsuranceReasons.BuyerCancelled => new ChannelOutcome.Failed(ChannelFailure.BuyerCancelled, a.ErrMsg),
        InsuranceReasons.Closed or InsuranceReasons.AlreadyCancelled => new ChannelOutcome.Failed(ChannelFailure.TradeClosed, a.ErrMsg),
        InsuranceReasons.NotFound => new ChannelOutcome.Failed(ChannelFailure.TradeNotFound, a.ErrMsg),
        _ => new ChannelOutcome.Unknown(a.ErrMsg),
    };
}
