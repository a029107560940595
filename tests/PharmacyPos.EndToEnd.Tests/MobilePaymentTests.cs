using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>Section A of the operating guide, word for word, against the sandbox's phones.</summary>
[Collection(PosCollection.Name)]
public class MobilePaymentTests(PosFixture pos)
{
    private static ILocator Lines(IPage page) => Till.Lines(page);

    private async Task<IPage> SaleOnMobileScreenAsync(params (string Code, int Quantity)[] drugs)
    {
        var page = await pos.OpenTillAsync();
        foreach (var (code, quantity) in drugs)
        {
            await pos.ScanDrugAsync(page, code);
            await Expect(page.Locator($"tr.line[data-code={code}]")).ToHaveCountAsync(1);
            if (quantity > 1)
            {
                var qty = page.Locator($"tr.line[data-code={code}] input.qty");
                await qty.FillAsync(quantity.ToString());
                await qty.PressAsync("Enter");
                await Expect(qty).ToHaveValueAsync(quantity.ToString());
            }
        }
        await page.Keyboard.PressAsync("Alt+S");
        await Expect(page).ToHaveURLAsync(new Regex("/mobile-payment$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        await Expect(page.GetByTestId("scan-prompt")).ToHaveTextAsync("请出示支付宝首页付款码或微信电子社保卡支付码");
        return page;
    }

    /// <summary>The scanner gun into the scan dialog, which has taken the keyboard.</summary>
    private static async Task ScanAsync(IPage page, string code)
    {
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, code);
    }

    private async Task<IPage> PhoneAsync(string customer)
    {
        var phone = await (await pos.Browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        await phone.GotoAsync($"{pos.Server.SandboxUrl}/phone/{customer}");
        return phone;
    }

    private static async Task<string> PaidTradeNoAsync(IPage page)
    {
        await Expect(page.GetByTestId("scan-dialog")).ToHaveCountAsync(0, new() { Timeout = 45_000 });
        await Expect(page.GetByTestId("status")).ToContainTextAsync("支付成功");
        await Expect(Lines(page)).ToHaveCountAsync(0);
        return Till.TradeNoIn(await page.GetByTestId("status").TextContentAsync());
    }

    [Fact]
    public async Task A_bound_customer_pays_from_the_insurance_account_and_the_screen_is_cleared()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1));
        await ScanAsync(page, await pos.CodeAsync("auto"));

        var tradeNo = await PaidTradeNoAsync(page);
        await Expect(page.GetByTestId("status")).ToContainTextAsync("医保个人账户支付");
        var movement = Assert.Single(await pos.LedgerAsync(tradeNo));
        Assert.Equal("InsuranceSettlement", movement.GetProperty("movement").GetString());
        await Expect(page.GetByTestId("receipt-link")).ToBeVisibleAsync();

        // The printable receipt: the order as paid, the insured person's name masked.
        var receipt = await pos.Http.GetStringAsync($"/receipt/{tradeNo}");
        Assert.Contains(tradeNo, receipt);
        Assert.Contains("医保个人账户", receipt);
        Assert.Contains("孙*", receipt);
        Assert.DoesNotContain("孙九", receipt);
    }

    [Fact]
    public async Task A_low_personal_account_sends_the_full_amount_to_alipay_confirmed_on_the_phone()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1), ("YP00004", 1));
        var phone = await PhoneAsync("li-si");
        var code = await phone.GetByTestId("alipay-code").Locator(".code").GetAttributeAsync("data-code");
        await ScanAsync(page, code!);

        await Expect(page.GetByTestId("waiting")).ToContainTextAsync("等待顾客在手机上确认支付");
        await Expect(page.GetByTestId("route")).ToContainTextAsync("不足");
        await Expect(page.GetByTestId("route")).ToContainTextAsync("支付宝全额支付");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "waiting-for-buyer.png") });
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();

        var tradeNo = await PaidTradeNoAsync(page);
        var charge = Assert.Single(await pos.LedgerAsync(tradeNo));
        Assert.Equal(("Alipay", "Charge"), (charge.GetProperty("channel").GetString(), charge.GetProperty("movement").GetString()));
    }

    [Fact]
    public async Task An_unmapped_drug_makes_even_a_rich_bound_customer_pay_by_wechat()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1), ("YP00202", 1));
        var phone = await PhoneAsync("zhang-san");
        var code = await phone.GetByTestId("wechat-code").Locator(".code").GetAttributeAsync("data-code");
        await ScanAsync(page, code!);

        await Expect(page.GetByTestId("route")).ToContainTextAsync("金银花露（未对码）");
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        var tradeNo = await PaidTradeNoAsync(page);
        Assert.Equal("WeChat", Assert.Single(await pos.LedgerAsync(tradeNo)).GetProperty("channel").GetString());
    }

    [Fact]
    public async Task Registration_blocks_an_insurance_payment_at_the_threshold_until_complete()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 20)); // well above ¥200
        await ScanAsync(page, await pos.CodeAsync("auto"));

        var form = page.GetByTestId("registration-form");
        await Expect(form).ToBeVisibleAsync();
        await Expect(page.GetByTestId("reg-insured")).ToHaveTextAsync("孙九");
        // The customer's code is good for a minute from the scan: the form says how long is left.
        await Expect(page.GetByTestId("reg-code-left")).ToContainTextAsync("顾客付款码剩余有效时间");
        // One row of buttons, the primary action on the right.
        var cancel = (await page.GetByTestId("reg-cancel").BoundingBoxAsync())!;
        var submit = (await page.GetByTestId("reg-submit").BoundingBoxAsync())!;
        Assert.Equal(cancel.Y, submit.Y, 1.0);
        Assert.True(submit.X > cancel.X, "提交登记并支付 sits right of 返回");
        await page.GetByTestId("reg-submit").ClickAsync();
        await Expect(page.GetByTestId("error-PurchaserId")).ToHaveTextAsync("请填写购药人的身份证号码。");
        await Expect(form).ToBeVisibleAsync();

        // The buyer is the insured: 本人 fills in the 参保人's name.
        await page.GetByTestId("reg-relation").SelectOptionAsync("本人");
        await Expect(page.GetByTestId("reg-name")).ToHaveValueAsync("孙九");
        await page.GetByTestId("reg-name").FillAsync("孙小九");
        await page.GetByTestId("reg-relation").SelectOptionAsync("子女");
        await page.GetByTestId("reg-id").FillAsync("11010519491231002");
        await page.GetByTestId("reg-phone").FillAsync("13800138000");
        await page.GetByTestId("reg-submit").ClickAsync();
        await Expect(page.GetByTestId("error-PurchaserId")).ToHaveTextAsync("身份证号码应为 18 位，现在是 17 位。");
        await page.GetByTestId("reg-id").FillAsync("110105194912310021"); // 18 digits, wrong check digit
        await page.GetByTestId("reg-submit").ClickAsync();
        await Expect(page.GetByTestId("error-PurchaserId")).ToContainTextAsync("校验位不对");
        await Expect(page.GetByTestId("reg-name")).ToHaveValueAsync("孙小九"); // kept for the correction
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "registration.png") });

        await page.GetByTestId("reg-id").FillAsync("11010519491231002X");
        await page.GetByTestId("reg-submit").ClickAsync();
        var tradeNo = await PaidTradeNoAsync(page);
        Assert.Single(await pos.LedgerAsync(tradeNo));
    }

    [Fact]
    public async Task A_code_that_expires_while_the_registration_is_filled_in_is_never_sent_and_a_fresh_scan_pays_with_what_was_typed()
    {
        // The code's life as short as the setting allows, so that it runs out while the cashier types.
        await using var server = await PosServer.StartAsync("--MobilePayment:PaymentCodeLifetimeSeconds", "10");
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        var context = await pos.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await TillSignIn.SignInAsync(page, server.BaseUrl, PharmacyPos.Domain.Staff.StaffRole.Cashier, "/mobile-payment");
        await page.WaitForSelectorAsync("body[data-till-ready]");
        await Expect(page.Locator("[data-entry]")).ToBeFocusedAsync();
        await Till.ScanAsync(page, "YP00001");
        var qty = page.Locator("tr.line[data-code=YP00001] input.qty");
        await qty.FillAsync("20");
        await qty.PressAsync("Enter");
        await Expect(qty).ToHaveValueAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, await CodeOnAsync(sandbox, "auto"));
        await Expect(page.GetByTestId("registration-form")).ToBeVisibleAsync();

        await page.GetByTestId("reg-relation").SelectOptionAsync("本人");
        await page.GetByTestId("reg-id").FillAsync("33010619800101008" + PharmacyPos.Domain.Registration.ResidentId.CheckCharacter("33010619800101008"));
        await page.GetByTestId("reg-phone").FillAsync("13800138000");
        await Expect(page.GetByTestId("reg-code-expired")).ToContainTextAsync("付款码已过期", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("reg-submit")).ToHaveCountAsync(0);
        Assert.Empty((await sandbox.GetFromJsonAsync<JsonElement[]>("/admin/ledger"))!);

        await page.GetByTestId("reg-rescan").ClickAsync();
        await Expect(page.GetByTestId("scan-kept-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, await CodeOnAsync(sandbox, "auto"));

        var tradeNo = await PaidTradeNoAsync(page);
        Assert.Single((await sandbox.GetFromJsonAsync<JsonElement[]>("/admin/ledger"))!, e => e.GetProperty("outTradeNo").GetString() == tradeNo);
        await context.CloseAsync();
    }

    private static async Task<string> CodeOnAsync(HttpClient sandbox, string customer) =>
        (await sandbox.GetFromJsonAsync<JsonElement>($"/admin/codes/{customer}/Alipay")).GetProperty("code").GetString()!;

    [Fact]
    public async Task A_sale_with_an_unmapped_drug_says_before_the_scan_that_only_alipay_or_wechat_can_pay()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1));
        await page.GetByTestId("scan-close").ClickAsync();
        await Expect(page.GetByTestId("route-before-scan")).ToHaveCountAsync(0); // every line may be paid from the account

        await pos.ScanDrugAsync(page, "YP00202");
        var note = page.GetByTestId("route-before-scan");
        await Expect(note).ToContainTextAsync("只能用支付宝或微信付款码全额支付");
        var name = (await pos.DrugAsync("YP00202")).GetProperty("name").GetString()!;
        await Expect(note).ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Print_receipt_is_a_button_and_F8_opens_the_receipt_which_prints_itself()
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1));
        await Till.WatchAnnouncementAsync(page, "支付成功");
        await ScanAsync(page, await pos.CodeAsync("auto"));
        var tradeNo = await PaidTradeNoAsync(page);
        await Till.AssertNoDialogAtAnnouncementAsync(page, "the scan dialog was still on the page when 支付成功 was shown");

        var button = page.GetByRole(AriaRole.Button, new() { Name = "打印小票" });
        await Expect(button).ToContainTextAsync("F8");
        var receipt = await page.RunAndWaitForPopupAsync(() => page.Keyboard.PressAsync("F8"));
        await receipt.WaitForLoadStateAsync();
        Assert.EndsWith($"/receipt/{tradeNo}?print=1", receipt.Url);
        await Expect(receipt.GetByTestId("receipt")).ToHaveAttributeAsync("data-autoprint", "true");
        await Expect(receipt.GetByTestId("receipt")).ToContainTextAsync(tradeNo);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(1366)]
    public async Task The_entry_and_scan_hints_are_shown_whole_at_narrow_widths(int width)
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1));
        await page.SetViewportSizeAsync(width, 768);
        foreach (var selector in new[] { "#scan-code", "#entry" })
        {
            // The hint's width in the box's own placeholder font, against the room inside the box.
            var measured = await page.EvaluateAsync<double[]>(@"sel => {
                const el = document.querySelector(sel);
                const cs = getComputedStyle(el, '::placeholder');
                const ctx = document.createElement('canvas').getContext('2d');
                ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
                const box = getComputedStyle(el);
                const spacing = parseFloat(cs.letterSpacing) || 0;
                return [ctx.measureText(el.placeholder).width + spacing * el.placeholder.length,
                        el.clientWidth - parseFloat(box.paddingLeft) - parseFloat(box.paddingRight)];
            }", selector);
            var (text, room) = (measured[0], measured[1]);
            Assert.True(text <= room, $"{selector} at {width} px: hint {text:0} px wide, {room:0} px of room");
            if (selector == "#scan-code") await page.GetByTestId("scan-close").ClickAsync();
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Each_kind_of_bad_scan_is_named_and_says_nothing_was_charged()
    {
        var page = await SaleOnMobileScreenAsync(("YP00006", 1));
        var error = page.GetByTestId("scan-error");

        await ScanAsync(page, "");
        await Expect(error).ToHaveAttributeAsync("data-code", "NOTHING_SCANNED");
        await Expect(error).ToHaveTextAsync("请用扫码枪扫描顾客的付款码。");
        await Expect(error).ToHaveAttributeAsync("role", "status"); // a prompt, not an alarm

        await ScanAsync(page, "6222021234567890123");
        await Expect(error).ToHaveAttributeAsync("data-code", "CODE_OF_NO_WALLET");
        await Expect(error).ToContainTextAsync("不是支付宝或微信的付款码，未扣款");

        await ScanAsync(page, "28123456");
        await Expect(error).ToHaveAttributeAsync("data-code", "CODE_INCOMPLETE");
        await Expect(error).ToContainTextAsync("被其他软件截留，未扣款");

        await ScanAsync(page, "28AB3456789012345");
        await Expect(error).ToHaveAttributeAsync("data-code", "CODE_INCOMPLETE");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_buyer_who_never_confirms_fails_after_the_window_and_is_not_charged()
    {
        var page = await SaleOnMobileScreenAsync(("YP00006", 1));
        var phone = await PhoneAsync("wang-wu");
        var code = await phone.GetByTestId("alipay-code").Locator(".code").GetAttributeAsync("data-code");
        await ScanAsync(page, code!);

        await Expect(page.GetByTestId("countdown")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("follow-up-script")).ToContainTextAsync("引导用户进行绑卡"); // 话术 A: not bound
        await Expect(page.GetByTestId("follow-up-script")).ToHaveAttributeAsync("data-kind", "Do"); // an instruction, not a sentence
        var tradeNo = Till.TradeNoIn(await page.GetByTestId("waiting").TextContentAsync());

        var error = page.GetByTestId("scan-error");
        await Expect(error).ToHaveTextAsync("顾客未在60秒内确认支付，本次支付已撤销，未扣款。如需结算请重新扫码。", new() { Timeout = 45_000 });
        Assert.Empty(await pos.LedgerAsync(tradeNo));
        // The phone no longer offers it: the channel order was cancelled.
        await Expect(phone.GetByTestId("pending")).ToHaveCountAsync(0);
        // The sale is kept for another try.
        await page.GetByTestId("scan-close").ClickAsync();
        await Expect(Lines(page)).ToHaveCountAsync(1);
    }

    [Theory]
    [InlineData("28123")]
    [InlineData("2812345678")]
    public async Task A_garbled_scan_is_refused_with_the_intercepted_scanner_advice(string garbled)
    {
        var page = await SaleOnMobileScreenAsync(("YP00001", 1));
        await ScanAsync(page, garbled);
        await Expect(page.GetByTestId("scan-error")).ToHaveTextAsync("付款码不完整或被其他软件截留，未扣款。请退出可能占用扫码枪的其他软件，然后重新扫码。");
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
    }
}
