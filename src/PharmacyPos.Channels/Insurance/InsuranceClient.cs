using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Channels.Insurance;

/// <summary>The insured person behind a code or card (1101).</summary>
public sealed record InsuredPerson(string PsnNo, string Name, string CertNo, string InsuType, Money AccountBalance)
{
    /// <summary>Masked, should a lookup or a payment ever be written to a log: never the whole 社保编码 or ID number.</summary>
    public override string ToString() =>
        $"InsuredPerson {{ PsnNo = ****{PsnNo[^Math.Min(4, PsnNo.Length)..]}, CertNo = ****, InsuType = {InsuType}, AccountBalance = {AccountBalance} }}";
}

public abstract record PersonLookup
{
    private PersonLookup() { }
    public sealed record Found(InsuredPerson Person) : PersonLookup;
    public sealed record NotBound(string Detail) : PersonLookup;
    public sealed record Invalid(string Detail) : PersonLookup;
    public sealed record Unknown(string Reason) : PersonLookup;
}

/// <summary>How the buyer identifies to the platform (mdtrt_cert_type).</summary>
public enum CertificateType
{
    /// <summary>01: the electronic voucher, i.e. the scanned Alipay/WeChat code of a bound card.</summary>
    ElectronicVoucher,
    /// <summary>03: the physical social-security card.</summary>
    SocialSecurityCard,
}

/// <summary>
/// The national medical-insurance information platform: one JSON envelope to one endpoint,
/// the transaction named by infno. Signs in (9001) once per day and carries sign_no after.
/// </summary>
/// <summary>The platform's answer to "who is behind this code or card".</summary>
public interface IInsurancePlatform
{
    Task<PersonLookup> FindPersonAsync(string certNo, CertificateType type, CancellationToken ct = default);

    /// <summary>3201: our day totals against the platform's; null when it could not answer.</summary>
    Task<(bool? Balanced, string Detail)> ReconcileDayAsync(DateOnly day, Money total, Money accountPaid, int count, CancellationToken ct = default);
}

public sealed class InsuranceClient(HttpClient http, IOptions<InsuranceOptions> options, TimeProvider clock, ILogger<InsuranceClient> log) : IPaymentChannel, IInsurancePlatform
{
    private readonly InsuranceOptions _options = options.Value;
    private readonly SemaphoreSlim _signInLock = new(1, 1);
    private string? _signNo;
    private DateOnly _signDay;
    private int _sequence;

    public PaymentMethod Method => PaymentMethod.InsuranceAccount;

    public async Task<PersonLookup> FindPersonAsync(string certNo, CertificateType type, CancellationToken ct = default)
    {
        var (a, unknown) = await CallAsync(Infno.PersonInfo, new JsonObject
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

    /// <summary>1101 (unless the caller already has the person) → 2101 pre-settlement → 2102 settlement from the personal account.</summary>
    public async Task<ChannelOutcome> PayAsync(ChannelPayment payment, CancellationToken ct = default)
    {
        InsuredPerson person;
        switch (payment.Insured is { } known ? new PersonLookup.Found(known) : await FindPersonAsync(payment.AuthCode, Certificate(payment), ct))
        {
            case PersonLookup.Found f: person = f.Person; break;
            case PersonLookup.NotBound n: return new ChannelOutcome.Failed(ChannelFailure.NotBound, n.Detail);
            case PersonLookup.Invalid i: return new ChannelOutcome.Failed(ChannelFailure.CodeInvalid, i.Detail);
            case PersonLookup.Unknown u: return new ChannelOutcome.Unknown(u.Reason);
            default: throw new InvalidOperationException();
        }

        var input = SettlementInput(payment, person);
        var (pre, preUnknown) = await CallAsync(Infno.PreSettle, input, payment.OutTradeNo, ct);
        if (pre is null) return new ChannelOutcome.Unknown(preUnknown!);
        if (!pre.Ok) return Failure(pre);

        var (settled, unknown) = await CallAsync(Infno.Settle, SettlementInput(payment, person), payment.OutTradeNo, ct);
        if (settled is null) return new ChannelOutcome.Unknown(unknown!);
        return settled.Ok ? Paid(settled) : Failure(settled);
    }

    public async Task<ChannelOutcome> QueryAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (a, unknown) = await CallAsync(Infno.SettlementQuery, new JsonObject
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

    /// <summary>2103: withdraws a settlement still awaiting the buyer, or cancels a settled one.</summary>
    public async Task<CancelOutcome> CancelAsync(string outTradeNo, CancellationToken ct = default)
    {
        var (a, unknown) = await CallAsync(Infno.CancelSettlement, CancelInput(outTradeNo, setlId: ""), outTradeNo, ct);
        if (a is null) return new CancelOutcome.Unknown(unknown!);
        if (a.Ok) return new CancelOutcome.Cancelled(MoneyReturned: InsuranceAnswer.Text(a.Output?["setlinfo"]?["acct_pay"]) is { Length: > 0 } p && p != "0" && p != "0.00");
        return a.Reason is InsuranceReasons.NotFound or InsuranceReasons.AlreadyCancelled or InsuranceReasons.Closed
            ? new CancelOutcome.Cancelled(MoneyReturned: false)
            : new CancelOutcome.Failed(a.ErrMsg);
    }

    /// <summary>A refund is the settlement's cancel (2103); the platform allows it once per setl_id.</summary>
    public async Task<RefundOutcome> RefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (a, unknown) = await CallAsync(Infno.CancelSettlement, CancelInput(refund.OutTradeNo, refund.ChannelTradeId ?? ""), refund.OutTradeNo, ct);
        if (a is null) return new RefundOutcome.Unknown(unknown!);
        if (a.Ok || a.Reason == InsuranceReasons.AlreadyCancelled) return new RefundOutcome.Refunded(refund.RefundAmount);
        return new RefundOutcome.Failed(a.ErrMsg);
    }

    public async Task<RefundOutcome> QueryRefundAsync(ChannelRefund refund, CancellationToken ct = default)
    {
        var (a, unknown) = await CallAsync(Infno.SettlementQuery, new JsonObject
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
        var (a, unknown) = await CallAsync(Infno.DailyReconciliation, new JsonObject
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
                ["mdtrt_cert_type"] = CertTypeCode(Certificate(payment)),
                ["mdtrt_cert_no"] = payment.AuthCode,
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

    private static CertificateType Certificate(ChannelPayment payment) =>
        payment.PhysicalCard ? CertificateType.SocialSecurityCard : CertificateType.ElectronicVoucher;

    private static string CertTypeCode(CertificateType type) => type == CertificateType.SocialSecurityCard ? "03" : "01";

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

    private async Task<(InsuranceAnswer?, string?)> CallAsync(string infno, JsonObject input, string reference, CancellationToken ct)
    {
        var signNo = infno == Infno.SignIn ? "" : await SignNoAsync(ct);
        if (signNo is null) return (null, "sign-in (9001) failed");
        var (answer, unknown) = await SendAsync(infno, input, signNo, reference, ct);
        if (answer is { Ok: false } && answer.Reason == InsuranceReasons.SignInRequired && infno != Infno.SignIn)
        {
            _signNo = null; // the platform forgot us (new day, restart): sign in again once
            signNo = await SignNoAsync(ct);
            if (signNo is null) return (null, "sign-in (9001) failed");
            (answer, unknown) = await SendAsync(infno, input, signNo, reference, ct);
        }
        return (answer, unknown);
    }

    private async Task<(InsuranceAnswer?, string?)> SendAsync(string infno, JsonObject input, string signNo, string reference, CancellationToken ct)
    {
        var now = BeijingTime.Now(clock);
        var msgid = NewMsgId(now);
        var envelope = new JsonObject
        {
            ["infno"] = infno,
            ["msgid"] = msgid,
            ["mdtrtarea_admvs"] = _options.MdtrtareaAdmvs,
            ["insuplc_admdvs"] = _options.InsuplcAdmdvs,
            ["recer_sys_code"] = _options.RecerSysCode,
            ["dev_no"] = _options.DevNo,
            ["dev_uuid"] = "",
            ["dev_safe_info"] = "",
            ["cainfo"] = "",
            ["signtype"] = "SM3",
            ["infver"] = _options.InfVer,
            ["opter_type"] = _options.OpterType,
            ["opter"] = _options.Opter,
            ["opter_name"] = _options.OpterName,
            ["inf_time"] = now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            ["fixmedins_code"] = _options.FixmedinsCode,
            ["fixmedins_name"] = _options.FixmedinsName,
            ["sign_no"] = signNo,
            ["input"] = input.DeepClone(),
        };
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        using var request = new HttpRequestMessage(HttpMethod.Post, _options.BaseUrl.TrimEnd('/') + _options.ServicePath)
        {
            Content = new StringContent(envelope.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(TifSignature.PaasIdHeader, _options.PaasId);
        request.Headers.Add(TifSignature.TimestampHeader, timestamp);
        request.Headers.Add(TifSignature.NonceHeader, nonce);
        request.Headers.Add(TifSignature.SignatureHeader, TifSignature.Compute(timestamp, _options.PaasToken, nonce));

        var reply = await ChannelHttp.SendAsync(http, request, _options.Timeout, ct);
        var unknown = reply.Failure;
        InsuranceAnswer? answer = null;
        if (reply.Body is { } body)
        {
            answer = InsuranceAnswer.Parse(Encoding.UTF8.GetString(body));
            if (answer is null) unknown = "unparsable answer";
            else if (answer.InfRefMsgId != msgid) unknown = $"answer is for msgid {answer.InfRefMsgId}, not {msgid}";
        }
        if (unknown is not null)
        {
            log.LogWarning("Insurance {Infno} {Reference} msgid {MsgId}: outcome unknown ({Reason})", infno, reference, msgid, unknown);
            return (null, unknown);
        }
        log.LogInformation("Insurance {Infno} {Reference} msgid {MsgId}: infcode {Infcode} {ErrMsg}", infno, reference, msgid, answer!.Infcode, answer.ErrMsg);
        return (answer, null);
    }

    private async Task<string?> SignNoAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(BeijingTime.Now(clock).DateTime);
        if (_signNo is { } cached && _signDay == today) return cached;
        await _signInLock.WaitAsync(ct);
        try
        {
            if (_signNo is { } again && _signDay == today) return again;
            var (a, _) = await SendAsync(Infno.SignIn, new JsonObject
            {
                ["signIn"] = new JsonObject { ["opter_no"] = _options.Opter, ["mac"] = _options.Mac, ["ip"] = _options.Ip },
            }, "", "9001", ct);
            var signNo = a is { Ok: true } ? InsuranceAnswer.Text(a.Output?["signinoutb"]?["sign_no"]) : "";
            if (signNo.Length == 0) return null;
            (_signNo, _signDay) = (signNo, today);
            return signNo;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    /// <summary>msgid: institution code + yyyyMMddHHmmss + a 4-digit sequence, unique per message.</summary>
    private string NewMsgId(DateTimeOffset now)
    {
        var seq = (uint)Interlocked.Increment(ref _sequence) % 10000;
        return string.Create(CultureInfo.InvariantCulture, $"{_options.FixmedinsCode}{now:yyyyMMddHHmmss}{seq:D4}");
    }
}
