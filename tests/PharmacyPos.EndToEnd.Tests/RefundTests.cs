using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>Section C of the operating guide, by its Chinese labels.</summary>
[Collection(PosCollection.Name)]
public class RefundTests(PosFixture pos)
{
    private async Task<(IPage Page, string TradeNo)> PaidByPhoneAsync()
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, "YP00004");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Alt+S");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, await pos.CodeAsync("auto", "WeChat"));
        await Expect(page.GetByTestId("status")).ToContainTextAsync("支付成功");
        return (page, Till.TradeNoIn(await page.GetByTestId("status").TextContentAsync()));
    }

    [Fact]
    public async Task A_cashier_refunds_by_query_roll_back_and_yes_and_the_money_goes_back_once()
    {
        var (page, tradeNo) = await PaidByPhoneAsync();

        // 点击"手机支付"，进入界面后点击"退单"
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var row = page.Locator($"tr[data-trade-no='{tradeNo}']");
        await Expect(row).ToContainTextAsync("医保个人账户");
        await Expect(row).ToContainTextAsync("*****");

        await row.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "回退" }).ClickAsync();
        await Expect(page.GetByTestId("confirm-refund")).ToContainTextAsync(tradeNo);
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "refund-confirm.png") });
        await page.GetByRole(AriaRole.Button, new() { Name = "是" }).ClickAsync();

        await Expect(page.GetByTestId("status")).ToContainTextAsync("退单成功");
        await Expect(row.GetByTestId("row-status")).ToHaveTextAsync("已退款");
        Assert.Single(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() == "InsuranceCancel");

        // A second 回退 on the same order is refused.
        await row.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "回退" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "REFUND_NOT_ALLOWED");
        Assert.Single(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() == "InsuranceCancel");
    }

    [Fact]
    public async Task The_keyboard_alone_queries_selects_and_confirms()
    {
        var (page, tradeNo) = await PaidByPhoneAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("refund-results")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("F4");
        await Expect(page.GetByTestId("confirm-yes")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("confirm-refund")).ToHaveCountAsync(0);
        Assert.DoesNotContain(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() == "InsuranceCancel");
    }

    [Theory]
    [InlineData("q-trade-no", "12345", "交易号格式不正确")]
    [InlineData("q-ssn", "'; DROP TABLE orders; --", "社保编码格式不正确")]
    public async Task Bad_query_fields_get_a_clear_message_and_refund_nothing(string field, string value, string message)
    {
        var page = await pos.OpenTillAsync("/mobile-payment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByTestId(field).FillAsync(value);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync(message);
    }

    [Fact]
    public async Task An_end_time_before_the_start_time_is_refused()
    {
        var page = await pos.OpenTillAsync("/mobile-payment");
        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByTestId("q-start").FillAsync("2026-11-29T10:00");
        await page.GetByTestId("q-end").FillAsync("2026-11-29T09:00");
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync("结束时间不能早于开始时间");
    }
}
