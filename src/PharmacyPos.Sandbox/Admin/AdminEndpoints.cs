using System.Globalization;
using System.Net;
using System.Text;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Sandbox.Admin;

/// <summary>The sandbox's back office: customers, fault injection, the ledger and the day's bill.</summary>
public static class AdminEndpoints
{
    public sealed record CustomerChange(decimal? AlipayBalance, decimal? WeChatBalance, decimal? CardBalance, bool? AutoConfirm, int? ConfirmDelaySeconds);

    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin");
        admin.MapGet("/", (SandboxState state, FaultBook faults) => Results.Content(Page(state, faults), "text/html; charset=utf-8"));
        admin.MapGet("/ledger", (SandboxState state) => state.Ledger());
        admin.MapGet("/bill", (string? date, SandboxState state) =>
        {
            var day = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : DateOnly.FromDateTime(BeijingTime.From(state.Now).DateTime);
            var csv = new StringBuilder("序号,时间,渠道,类型,商户订单号,退款单号,顾客,金额\n");
            foreach (var e in state.Ledger().Where(e => DateOnly.FromDateTime(BeijingTime.From(e.Time).DateTime) == day))
                csv.AppendLine(CultureInfo.InvariantCulture, $"{e.Seq},{BeijingTime.From(e.Time):yyyy-MM-dd HH:mm:ss},{e.Channel},{e.Movement},{e.OutTradeNo},{e.RefundNo},{e.CustomerId},{new Money(e.AmountFen).ToYuanString()}");
            return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv", $"bill-{day:yyyy-MM-dd}.csv");
        });
        admin.MapGet("/trades", (SandboxState state) => state.Trades().Select(t => new
        {
            channel = t.Channel.ToString(), t.OutTradeNo, t.ChannelTradeId, t.CustomerId, amount = t.Amount.ToYuanString(),
            status = t.Status.ToString(), refunded = t.Refunded.ToYuanString(),
        }));
        admin.MapGet("/customers", (SandboxState state) => state.Customers().Select(c => new
        {
            c.Id, c.Name, alipayBalance = c.AlipayBalance?.Yuan, weChatBalance = c.WeChatBalance?.Yuan,
            cardBalance = c.Card?.Balance.Yuan, socialSecurityNo = c.Card?.SocialSecurityNo, psnName = c.Card?.Name,
            c.AutoConfirm, confirmDelaySeconds = c.ConfirmDelay.TotalSeconds,
        }));
        admin.MapPut("/customers/{id}", (string id, CustomerChange change, SandboxState state) =>
        {
            if (state.Customer(id) is null) return Results.NotFound();
            state.Update(id, c =>
            {
                if (change.AlipayBalance is { } a) c.AlipayBalance = Money.FromYuan(a);
                if (change.WeChatBalance is { } w) c.WeChatBalance = Money.FromYuan(w);
                if (change.CardBalance is { } b && c.Card is not null) c.Card.Balance = Money.FromYuan(b);
                if (change.AutoConfirm is { } on) c.AutoConfirm = on;
                if (change.ConfirmDelaySeconds is { } s) c.ConfirmDelay = TimeSpan.FromSeconds(s);
            });
            return Results.NoContent();
        });
        admin.MapGet("/codes/{id}/{wallet}", (string id, Wallet wallet, SandboxState state) =>
            state.CurrentCode(id, wallet) is { } code ? Results.Ok(new { code }) : Results.NotFound());
        admin.MapGet("/faults", (FaultBook faults) => faults.Rules());
        admin.MapPost("/faults", (FaultRule rule, FaultBook faults) =>
        {
            faults.Add(rule);
            return Results.Created("/admin/faults", rule);
        });
        admin.MapDelete("/faults", (FaultBook faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>Everything a caller put in (a fault rule, an order number) is text on the page, never markup.</summary>
    private static string H(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)) ?? "";

    private static string Page(SandboxState state, FaultBook faults) => $$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>沙箱管理</title>
        <style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:24px}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:4px 8px}</style></head>
        <body><h1>沙箱管理</h1>
        <h2>故障注入</h2>
        <form id="fault">
          渠道 <select name="channel"><option>*</option><option>alipay</option><option>wechat</option><option>insurance</option></select>
          操作 <input name="operation" value="*" size="8"> （pay/query/cancel/refund/refundquery，医保填交易编号）
          类型 <select name="kind">{{string.Concat(Enum.GetNames<FaultKind>().Select(k => $"<option>{k}</option>"))}}</select>
          延迟毫秒 <input name="delayMs" value="0" size="6"> 次数 <input name="times" value="1" size="4">（-1 一直）
          <button>添加</button> <button type="button" onclick="fetch('/admin/faults',{method:'DELETE'}).then(()=>location.reload())">清除全部</button>
        </form>
        <ul>{{string.Concat(faults.Rules().Select(r => $"<li>{H(r.Channel)} {H(r.Operation)} {r.Kind} {r.DelayMs}ms ×{r.Times}</li>"))}}</ul>
        <h2>资金流水</h2><p><a href="/admin/bill">下载今日对账单 (CSV)</a></p>
        <table><tr><th>#</th><th>时间</th><th>渠道</th><th>类型</th><th>商户订单号</th><th>退款单号</th><th>顾客</th><th>金额</th></tr>
        {{string.Concat(state.Ledger().Reverse().Take(200).Select(e => $"<tr><td>{e.Seq}</td><td>{BeijingTime.From(e.Time):HH:mm:ss}</td><td>{e.Channel}</td><td>{e.Movement}</td><td>{H(e.OutTradeNo)}</td><td>{H(e.RefundNo)}</td><td>{H(e.CustomerId)}</td><td>{new Money(e.AmountFen).ToYuanString()}</td></tr>"))}}
        </table>
        <script>
          document.getElementById('fault').onsubmit = async e => {
            e.preventDefault();
            const f = new FormData(e.target);
            await fetch('/admin/faults', { method: 'POST', headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ channel: f.get('channel'), operation: f.get('operation'), kind: f.get('kind'),
                                     delayMs: +f.get('delayMs'), times: +f.get('times') }) });
            location.reload();
          };
        </script></body></html>
        """;
}
