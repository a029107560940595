using System.Globalization;
using System.Text.Json.Nodes;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.Insurance;

/// <summary>
/// The platform's callService endpoint for a designated pharmacy: 9001/9002, 1101, 2101, 2102,
/// 2601 (冲正 of a 2102 by its msgid), 2103, 5203, 3201. A mobile (01) settlement waits for the buyer to confirm on the phone,
/// reported as "[WAIT_CONFIRM]" until then: the sandbox's model of the e-voucher authorisation.
/// </summary>
public sealed class InsuranceGateway(SandboxState state, SandboxOptions options, FaultBook faults, ILogger<InsuranceGateway> log)
{
    public async Task HandleAsync(HttpContext http)
    {
        var signed = TifSignature.Verify(http.Request.Headers[TifSignature.TimestampHeader], http.Request.Headers[TifSignature.NonceHeader],
            http.Request.Headers[TifSignature.SignatureHeader], options.InsurancePaasToken)
            && http.Request.Headers[TifSignature.PaasIdHeader] == options.InsurancePaasId;
        JsonObject? envelope;
        try
        {
            envelope = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            envelope = null;
        }
        var infno = Text(envelope?["infno"]);
        var msgid = Text(envelope?["msgid"]);
        await FaultRunner.RunAsync(http, faults, options, "insurance", infno, () =>
        {
            var (infcode, err, output) = !signed ? Fail(InsuranceReasons.BadSignature, "请求签名校验失败")
                : envelope is null ? Fail("BAD_REQUEST", "报文格式错误")
                : Process(envelope, infno);
            var answer = new JsonObject
            {
                ["infcode"] = infcode,
                ["inf_refmsgid"] = msgid,
                ["refmsg_time"] = Stamp(),
                ["respond_time"] = Stamp(),
                ["err_msg"] = err,
                ["warn_msg"] = "",
                ["output"] = output,
            };
            var body = answer.ToJsonString();
            // The platform does not sign its answers; a spoiled one answers a different msgid.
            return new GatewayReply(body, "application/json; charset=utf-8",
                b => b.Replace($"\"inf_refmsgid\":\"{msgid}\"", "\"inf_refmsgid\":\"forged\"", StringComparison.Ordinal));
        }, log);
    }

    private (string, string, JsonNode?) Process(JsonObject envelope, string infno)
    {
        if (Text(envelope["fixmedins_code"]) != options.FixmedinsCode) return Fail("BAD_INSTITUTION", "定点医药机构编号不存在");
        if (infno != Infno.SignIn && !state.IsSignedIn(Text(envelope["sign_no"]))) return Fail(InsuranceReasons.SignInRequired, "操作员未签到或签到已失效");
        var input = envelope["input"] as JsonObject ?? [];
        var data = input["data"] as JsonObject ?? [];
        return infno switch
        {
            Infno.SignIn => Ok(new JsonObject { ["signinoutb"] = new JsonObject { ["sign_time"] = Stamp(), ["sign_no"] = state.SignIn() } }),
            Infno.PersonInfo => PersonInfo(data),
            Infno.SignOut => SignOut(input["signOut"] as JsonObject ?? []),
            Infno.PreSettle => PreSettle(data),
            Infno.Settle => Settle(data, Text(envelope["msgid"])),
            Infno.Reverse => Reverse(data),
            Infno.CancelSettlement => Cancel(data),
            Infno.SettlementQuery => Query(data),
            Infno.DailyReconciliation => Reconcile(data),
            _ => Fail("BAD_INFNO", $"不支持的交易编号 {infno}"),
        };
    }

    private (Customer?, (string, string, JsonNode?)?) Person(JsonObject data)
    {
        var certType = Text(data["mdtrt_cert_type"]);
        var certNo = Text(data["mdtrt_cert_no"]);
        Customer? customer;
        if (certType == "03")
        {
            customer = state.Customers().FirstOrDefault(c => c.Card?.SocialSecurityNo == certNo);
            if (customer is null) return (null, Fail(InsuranceReasons.CodeInvalid, "社保卡信息无效"));
        }
        else if (certType == "02")
        {
            customer = state.Customers().FirstOrDefault(c => string.Equals(c.Card?.CertNo, certNo, StringComparison.OrdinalIgnoreCase));
            if (customer is null) return (null, Fail(InsuranceReasons.NotBound, "未查询到该身份证号的参保信息"));
        }
        else
        {
            var (status, c) = state.Resolve(certNo);
            if (status != CodeStatus.Valid || c is null) return (null, Fail(InsuranceReasons.CodeInvalid, "电子凭证无效或已过期"));
            customer = c;
        }
        if (customer.Card is null) return (null, Fail(InsuranceReasons.NotBound, "该付款码未绑定医保电子凭证"));
        return (customer, null);
    }

    private (string, string, JsonNode?) PersonInfo(JsonObject data)
    {
        var (c, error) = Person(data);
        if (error is { } e) return e;
        var card = c!.Card!;
        return Ok(new JsonObject
        {
            ["baseinfo"] = new JsonObject
            {
                ["psn_no"] = card.PsnNo, ["psn_cert_type"] = "01", ["certno"] = card.CertNo, ["psn_name"] = card.Name,
                ["gend"] = "1", ["naty"] = "01", ["brdy"] = card.CertNo.Substring(6, 4) + "-" + card.CertNo.Substring(10, 2) + "-" + card.CertNo.Substring(12, 2),
            },
            ["insuinfo"] = new JsonArray(new JsonObject
            {
                ["balc"] = card.Balance.ToYuanString(), ["insutype"] = "310", ["psn_type"] = "11", ["psn_insu_stas"] = "1",
                ["insuplc_admdvs"] = "330100",
            }),
            ["idetinfo"] = new JsonArray(),
        });
    }

    private (string, string, JsonNode?) PreSettle(JsonObject data)
    {
        var (c, error) = Person(data);
        if (error is { } e) return e;
        if (!Money.TryParse(Text(data["medfee_sumamt"]), out var total)) return Fail("BAD_REQUEST", "medfee_sumamt 无效");
        if (c!.Card!.Balance < total) return Fail(InsuranceReasons.BalanceNotEnough, "个人账户余额不足");
        return Ok(new JsonObject { ["setlinfo"] = SetlInfo("", c.Card.PsnNo, total, c.Card.Balance - total, refunded: false) });
    }

    private (string, string, JsonNode?) SignOut(JsonObject signOut) =>
        state.SignOut(Text(signOut["sign_no"]))
            ? Ok(new JsonObject { ["signoutoutb"] = new JsonObject { ["sign_time"] = Stamp() } })
            : Fail(InsuranceReasons.SignInRequired, "签到编号不存在或已签退");

    private (string, string, JsonNode?) Settle(JsonObject data, string msgid)
    {
        var medinsSetlId = Text(data["medins_setl_id"]);
        if (medinsSetlId.Length == 0) return Fail("BAD_REQUEST", "缺少 medins_setl_id");
        if (!Money.TryParse(Text(data["medfee_sumamt"]), out var total) || total.Fen <= 0) return Fail("BAD_REQUEST", "medfee_sumamt 无效");
        if (state.IsReversedInAdvance(msgid)) return Fail(InsuranceReasons.Closed, "该报文已冲正，不再受理");
        var existing = state.Find(Channel.Insurance, medinsSetlId);
        if (existing is not null) return Describe(existing);
        var (c, error) = Person(data);
        if (error is { } e) return e;
        var (status, trade) = state.Settle(medinsSetlId, c!, Text(data["mdtrt_cert_no"]), total, atCounter: Text(data["mdtrt_cert_type"]) == "03");
        if (trade is not null) state.RememberSettlementMessage(msgid, medinsSetlId);
        return status switch
        {
            PayStatus.Accepted => Describe(trade!),
            PayStatus.BalanceNotEnough => Fail(InsuranceReasons.BalanceNotEnough, "个人账户余额不足"),
            PayStatus.NotBound => Fail(InsuranceReasons.NotBound, "未绑定医保电子凭证"),
            _ => Fail(InsuranceReasons.Closed, "结算已关闭"),
        };
    }

    private (string, string, JsonNode?) Describe(Trade t) => t.Status switch
    {
        TradeStatus.Paid => Ok(new JsonObject { ["setlinfo"] = SetlInfo(t.ChannelTradeId, t.PsnNo ?? "", t.Amount, CardBalance(t), refunded: false) }),
        TradeStatus.Reversed => Ok(new JsonObject { ["setlinfo"] = SetlInfo(t.ChannelTradeId, t.PsnNo ?? "", t.Amount, CardBalance(t), refunded: true) }),
        TradeStatus.WaitingForBuyer => Fail(InsuranceReasons.WaitConfirm, "等待参保人在手机上确认支付"),
        TradeStatus.BuyerCancelled => Fail(InsuranceReasons.BuyerCancelled, "参保人已取消支付"),
        _ => Fail(InsuranceReasons.Closed, "结算已关闭"),
    };

    private Money CardBalance(Trade t) => state.Customer(t.CustomerId)?.Card?.Balance ?? Money.Zero;

    private (string, string, JsonNode?) Query(JsonObject data)
    {
        var t = Find(data);
        return t is null || t.CustomerId.Length == 0 ? Fail(InsuranceReasons.NotFound, "未找到结算记录") : Describe(t);
    }

    private (string, string, JsonNode?) Cancel(JsonObject data)
    {
        var t = Find(data);
        var medinsSetlId = t?.OutTradeNo ?? Text(data["medins_setl_id"]);
        if (t is { Status: TradeStatus.Reversed }) return Fail(InsuranceReasons.AlreadyCancelled, "该结算已撤销");
        if (medinsSetlId.Length == 0) return Fail(InsuranceReasons.NotFound, "未找到结算记录");
        var (cancelled, moneyReturned, trade) = state.Cancel(Channel.Insurance, medinsSetlId);
        if (trade is null) return Fail(InsuranceReasons.NotFound, "未找到结算记录");
        if (!cancelled) return Fail(InsuranceReasons.Closed, "结算已关闭");
        return Ok(new JsonObject
        {
            ["setlinfo"] = new JsonObject
            {
                ["setl_id"] = trade.ChannelTradeId, ["psn_no"] = trade.PsnNo, ["medfee_sumamt"] = trade.Amount.ToYuanString(),
                ["acct_pay"] = moneyReturned ? trade.Amount.ToYuanString() : "0.00",
            },
        });
    }

    /// <summary>
    /// 2601 冲正 of a 2102 named by its msgid: a settlement it opened is undone (money back if it was paid);
    /// one that never arrived is refused in advance. The person must be the original's.
    /// </summary>
    private (string, string, JsonNode?) Reverse(JsonObject data)
    {
        if (Text(data["oinfno"]) != Infno.Settle) return Fail("BAD_REQUEST", $"不支持冲正的交易 {Text(data["oinfno"])}");
        var omsgid = Text(data["omsgid"]);
        if (omsgid.Length == 0) return Fail("BAD_REQUEST", "缺少 omsgid");
        var medinsSetlId = state.ReverseSettlementMessage(omsgid);
        if (medinsSetlId is null) return Fail(InsuranceReasons.NotFound, "原交易不存在，无需冲正");
        var t = state.Find(Channel.Insurance, medinsSetlId)!;
        if (t.PsnNo != Text(data["psn_no"])) return Fail("PSN_MISMATCH", "冲正的人员编号与原交易不符");
        var (_, moneyReturned, _) = state.Cancel(Channel.Insurance, medinsSetlId);
        return Ok(new JsonObject
        {
            ["omsgid"] = omsgid,
            ["setl_id"] = t.ChannelTradeId,
            ["acct_pay"] = moneyReturned ? t.Amount.ToYuanString() : "0.00",
        });
    }

    private Trade? Find(JsonObject data)
    {
        var setlId = Text(data["setl_id"]);
        if (setlId.Length > 0 && state.FindBySettlementId(setlId) is { } bySetl) return bySetl;
        var medinsSetlId = Text(data["medins_setl_id"]);
        return medinsSetlId.Length > 0 ? state.Find(Channel.Insurance, medinsSetlId) : null;
    }

    private (string, string, JsonNode?) Reconcile(JsonObject data)
    {
        if (!DateOnly.TryParseExact(Text(data["stmt_begndate"]), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return Fail("BAD_REQUEST", "stmt_begndate 无效");
        var entries = state.Ledger().Where(e => e.Channel == Channel.Insurance && DateOnly.FromDateTime(BeijingTime.From(e.Time).DateTime) == day).ToList();
        var settled = entries.Where(e => e.Movement == Movement.InsuranceSettlement).Sum(e => e.AmountFen);
        var cancelled = entries.Where(e => e.Movement == Movement.InsuranceCancel).Sum(e => e.AmountFen);
        var count = entries.Count(e => e.Movement == Movement.InsuranceSettlement) - entries.Count(e => e.Movement == Movement.InsuranceCancel);
        var theirs = new Money(settled - cancelled);
        var balanced = Money.TryParse(Text(data["acct_pay"]), out var ours) && ours == theirs
                       && int.TryParse(Text(data["fixmedins_setl_cnt"]), out var n) && n == count;
        return Ok(new JsonObject
        {
            ["stmtinfo"] = new JsonObject
            {
                ["setl_optins"] = Text(data["setl_optins"]),
                ["stmt_rslt"] = balanced ? "0" : "1",
                ["stmt_rslt_dscr"] = balanced ? "对账一致" : $"对账不一致：中心个人账户支付 {theirs.ToYuanString()} 元，{count} 笔",
            },
        });
    }

    private static JsonObject SetlInfo(string setlId, string psnNo, Money total, Money balance, bool refunded) => new()
    {
        ["setl_id"] = setlId,
        ["mdtrt_id"] = setlId.Length > 0 ? "MDTRT" + setlId[4..] : "",
        ["psn_no"] = psnNo,
        ["medfee_sumamt"] = total.ToYuanString(),
        ["fund_pay_sumamt"] = "0.00",
        ["acct_pay"] = total.ToYuanString(),
        ["psn_cash_pay"] = "0.00",
        ["balc"] = balance.ToYuanString(),
        ["refd_setl_flag"] = refunded ? "1" : "0",
    };

    private static (string, string, JsonNode?) Ok(JsonNode output) => ("0", "", output);

    private static (string, string, JsonNode?) Fail(string reason, string message) => ("-1", $"[{reason}] {message}", null);

    private string Stamp() => BeijingTime.From(state.Now).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);

    private static string Text(JsonNode? node) => InsuranceAnswer.Text(node);
}
