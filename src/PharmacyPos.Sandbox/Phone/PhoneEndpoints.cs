using System.Net;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox.Model;
using QRCoder;

namespace PharmacyPos.Sandbox.Phone;

/// <summary>
/// The customer's phone: the current payment codes (QR and digits, renewed like the real apps)
/// and, while a payment waits, 确认支付 / 取消.
/// </summary>
public static class PhoneEndpoints
{
    public static void MapPhone(this IEndpointRouteBuilder app)
    {
        app.MapGet("/phone", (SandboxState state) => Results.Content(Index(state), "text/html; charset=utf-8"));
        app.MapGet("/phone/{id}", (string id, SandboxState state) =>
            state.Customer(id) is { } c ? Results.Content(Page(c), "text/html; charset=utf-8") : Results.NotFound("没有这个顾客"));
        app.MapGet("/phone/{id}/state", (string id, SandboxState state) =>
        {
            if (state.Customer(id) is not { } c) return Results.NotFound();
            var alipay = state.CurrentCode(id, Wallet.Alipay);
            var wechat = state.CurrentCode(id, Wallet.WeChat);
            return Results.Ok(new
            {
                name = c.Name,
                autoConfirm = c.AutoConfirm,
                alipay = WalletView(alipay, c.AlipayBalance),
                wechat = WalletView(wechat, c.WeChatBalance),
                card = c.Card is { } card ? new { card.Name, balance = card.Balance.ToYuanString() } : null,
                pending = state.Pending(id).Select(t => new
                {
                    channel = t.Channel.ToString().ToLowerInvariant(),
                    channelName = t.Channel switch { Channel.Alipay => "支付宝", Channel.WeChat => "微信支付", _ => "医保个人账户" },
                    outTradeNo = t.OutTradeNo,
                    amount = t.Amount.ToYuanString(),
                }),
            });
        });
        app.MapPost("/phone/{id}/confirm", (string id, string channel, string outTradeNo, SandboxState state) =>
            Enum.TryParse<Channel>(channel, ignoreCase: true, out var ch) && state.Confirm(ch, outTradeNo)
                ? Results.Ok(new { ok = true }) : Results.Conflict(new { ok = false, message = "该笔支付已无法确认（已关闭、已取消或余额不足）" }));
        app.MapPost("/phone/{id}/cancel", (string id, string channel, string outTradeNo, SandboxState state) =>
            Enum.TryParse<Channel>(channel, ignoreCase: true, out var ch) && state.Decline(ch, outTradeNo)
                ? Results.Ok(new { ok = true }) : Results.Conflict(new { ok = false }));
        app.MapPost("/phone/{id}/auto-confirm", (string id, bool on, int? delaySeconds, SandboxState state) =>
        {
            state.Update(id, c => { c.AutoConfirm = on; c.ConfirmDelay = TimeSpan.FromSeconds(Math.Clamp(delaySeconds ?? 0, 0, 600)); });
            return Results.Ok();
        });
    }

    private static object? WalletView(string? code, Money? balance) => code is null ? null : new
    {
        code,
        balance = balance!.Value.ToYuanString(),
        qr = "data:image/png;base64," + Convert.ToBase64String(PngByteQRCodeHelper.GetQRCode(code, QRCodeGenerator.ECCLevel.M, 6)),
    };

    private static string Index(SandboxState state) => $$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>沙箱顾客手机</title></head>
        <body style="font-family:'Noto Sans CJK SC',sans-serif;margin:24px">
        <h1>沙箱顾客手机</h1><ul>
        {{string.Concat(state.Customers().Select(c => $"<li><a href=\"/phone/{WebUtility.UrlEncode(c.Id)}\">{WebUtility.HtmlEncode(c.Name)}</a></li>"))}}
        </ul><p><a href="/admin">沙箱管理（故障注入、流水）</a></p></body></html>
        """;

    private static string Page(Customer c) => $$"""
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
        <title>{{WebUtility.HtmlEncode(c.Name)}}的手机</title>
        <style>
          body{font-family:'Noto Sans CJK SC',sans-serif;margin:0;background:#eef1f4;display:flex;justify-content:center}
          .phone{width:380px;background:#fff;min-height:100vh;padding:16px;box-sizing:border-box}
          .wallet{border:1px solid #ddd;border-radius:8px;padding:12px;margin:12px 0;text-align:center}
          .wallet h2{margin:0 0 8px;font-size:18px}.code{font:20px monospace;letter-spacing:2px}
          .alipay h2{color:#1677ff}.wechat h2{color:#07c160}
          .pending{border:2px solid #fa8c16;border-radius:8px;padding:12px;margin:12px 0;background:#fff7e6}
          button{font-size:18px;padding:8px 20px;margin:6px}.confirm{background:#1677ff;color:#fff;border:0;border-radius:4px}
        </style></head>
        <body><div class="phone" data-customer="{{WebUtility.HtmlEncode(c.Id)}}">
          <h1 id="name"></h1>
          <div id="pending"></div>
          <div id="wallets"></div>
          <p id="card"></p>
          <label><input type="checkbox" id="auto"> 自动确认支付</label>
        </div>
        <script>
          const id = document.querySelector('.phone').dataset.customer;
          const base = '/phone/' + encodeURIComponent(id);
          async function act(kind, p) {
            await fetch(base + '/' + kind + '?channel=' + p.channel + '&outTradeNo=' + p.outTradeNo, { method: 'POST' });
            refresh();
          }
          function wallet(cls, title, w) {
            if (!w) return '';
            return `<div class="wallet ${cls}" data-testid="${cls}-code"><h2>${title}</h2><img alt="${title}二维码" src="${w.qr}" width="200" height="200">
                    <div class="code" data-code="${w.code}">${w.code}</div><small>余额 ¥${w.balance}</small></div>`;
          }
          const shown = { wallets: null, pending: null };
          async function refresh() {
            const r = await fetch(base + '/state');
            if (!r.ok) return;
            const s = await r.json();
            document.getElementById('name').textContent = s.name;
            document.getElementById('auto').checked = s.autoConfirm;
            // Redrawn only when something changed: a button rebuilt every second under the buyer's
            // finger (or a test's click) is a button that is never there to press.
            const wallets = wallet('alipay', '支付宝付款码', s.alipay) + wallet('wechat', '微信电子社保卡支付码', s.wechat);
            if (wallets !== shown.wallets) document.getElementById('wallets').innerHTML = shown.wallets = wallets;
            document.getElementById('card').textContent = s.card ? `已绑定电子社保卡：${s.card.name}，医保个人账户余额 ¥${s.card.balance}` : '未绑定电子社保卡';
            const pendingKey = JSON.stringify(s.pending);
            if (pendingKey === shown.pending) return;
            shown.pending = pendingKey;
            const pending = document.getElementById('pending');
            pending.innerHTML = '';
            for (const p of s.pending) {
              const div = document.createElement('div');
              div.className = 'pending';
              div.dataset.testid = 'pending';
              div.innerHTML = `<p>${p.channelName} 待支付 <b>¥${p.amount}</b></p>`;
              const ok = document.createElement('button'); ok.className = 'confirm'; ok.textContent = '确认支付'; ok.onclick = () => act('confirm', p);
              const no = document.createElement('button'); no.textContent = '取消'; no.onclick = () => act('cancel', p);
              div.append(ok, no);
              pending.append(div);
            }
          }
          document.getElementById('auto').onchange = e => fetch(base + '/auto-confirm?on=' + e.target.checked, { method: 'POST' });
          refresh();
          setInterval(refresh, 1000);
        </script></body></html>
        """;
}
