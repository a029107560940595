using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Domain;
using PharmacyPos.Sandbox;
using ZXing;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>The sandbox's customer phone in a real browser: a code a scanner can read, and 确认支付.</summary>
[Collection(PosCollection.Name)]
public sealed class PhonePageTests(PosFixture pos) : IAsyncLifetime
{
    private readonly SandboxOptions _options = SandboxOptions.Generate();
    private WebApplication _sandbox = default!;
    private string _url = "";

    public async Task InitializeAsync()
    {
        _sandbox = SandboxApp.Build(_options);
        await _sandbox.StartAsync();
        _url = SandboxApp.Address(_sandbox);
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task The_phone_shows_a_scannable_code_and_confirming_the_pending_payment_pays_it()
    {
        var context = await pos.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 420, Height = 900 } });
        var phone = await context.NewPageAsync();
        await phone.GotoAsync(_url + "/phone/zhang-san");
        var shown = await phone.GetByTestId("alipay-code").Locator(".code").GetAttributeAsync("data-code");
        Assert.Matches("^28[0-9]{16}$", shown!);

        // Read the QR image as a scanner would: its pixels, decoded.
        var decoded = await DecodeQrAsync(phone, "[data-testid=alipay-code] img");
        Assert.Equal(shown, decoded);

        using var http = new HttpClient();
        var alipay = new AlipayClient(http, Options.Create(new AlipayOptions
        {
            GatewayUrl = _url + "/gateway.do", AppId = _options.AlipayAppId, AppPrivateKey = _options.AppPrivateKey, AlipayPublicKey = _options.AlipayPublicKey,
        }), TimeProvider.System, NullLogger<AlipayClient>.Instance);
        var tradeNo = DateTime.UtcNow.ToString("yyyyMMddHHmmss") + "0001010001";
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await alipay.PayAsync(new ChannelPayment(PharmacyPos.Domain.Orders.TradeNo.Parse(tradeNo), Money.FromYuan(38.3m), new PharmacyPos.Domain.Payments.Tender.PhoneCode(PharmacyPos.Domain.Payments.PaymentCode.Classify(decoded).Value), "药品", [])));

        var pending = phone.GetByTestId("pending");
        await Expect(pending).ToContainTextAsync("支付宝 待支付 ¥38.30");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "sandbox-phone.png") });
        // The page polls every second; a button it rebuilt each time would be detached under the finger.
        var button = await pending.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ElementHandleAsync();
        for (var polls = 0; polls < 3; polls++)
            await phone.WaitForResponseAsync(r => r.Url.EndsWith("/state"));
        Assert.True(await button.EvaluateAsync<bool>("b => b.isConnected"), "the pending payment's button was redrawn though nothing changed");
        await pending.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        await Expect(pending).ToHaveCountAsync(0);

        Assert.IsType<ChannelOutcome.Paid>(await alipay.QueryAsync(tradeNo));
        var ledger = await http.GetFromJsonAsync<JsonElement>(_url + "/admin/ledger");
        var charge = Assert.Single(ledger.EnumerateArray(), e => e.GetProperty("outTradeNo").GetString() == tradeNo);
        Assert.Equal("Charge", charge.GetProperty("movement").GetString());
        Assert.Equal(3830, charge.GetProperty("amountFen").GetInt64());
        // The used code is replaced by a new one, as a real wallet does.
        await Expect(phone.GetByTestId("alipay-code").Locator(".code")).Not.ToHaveAttributeAsync("data-code", shown!);
    }

    private static async Task<string?> DecodeQrAsync(IPage page, string selector)
    {
        await page.Locator(selector).EvaluateAsync("img => img.decode()");
        var pixels = await page.Locator(selector).EvaluateAsync<JsonElement>("""
            img => {
              const c = document.createElement('canvas');
              c.width = img.naturalWidth; c.height = img.naturalHeight;
              const g = c.getContext('2d'); g.drawImage(img, 0, 0);
              return { w: c.width, h: c.height, data: Array.from(g.getImageData(0, 0, c.width, c.height).data) };
            }
            """);
        var rgba = pixels.GetProperty("data").EnumerateArray().Select(v => (byte)v.GetInt32()).ToArray();
        var source = new RGBLuminanceSource(rgba, pixels.GetProperty("w").GetInt32(), pixels.GetProperty("h").GetInt32(), RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(source)?.Text;
    }
}
