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

        // A refunded row says so and when; 回退 is off on it, with the reason beside it.
        await row.ClickAsync();
        await Expect(row.GetByTestId("row-note")).ToContainTextAsync("已退款 20");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "回退" })).ToBeDisabledAsync();
        await Expect(page.GetByTestId("roll-back-why")).ToHaveTextAsync("该订单已退款，不能再次回退。");
        // The key asks anyway and is refused by name, not with a list of every possible state.
        await page.GetByTestId("refund-results").FocusAsync();
        await page.Keyboard.PressAsync("F4");
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "REFUND_NOT_ALLOWED");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("该订单已退款，不能再次回退。");
        Assert.Single(await pos.LedgerAsync(tradeNo), e => e.GetProperty("movement").GetString() == "InsuranceCancel");
    }

    [Theory]
    [InlineData("330100009999999")] // the social-security card's number, as printed on the card
    [InlineData("33010020000009")] // the 社保编码 (人员编号)
    [InlineData("ID")] // the resident ID number
    public async Task The_社保编码_field_finds_the_order_by_card_number_社保编码_or_ID_number_and_shows_it_masked(string typed)
    {
        var (page, tradeNo) = await PaidByPhoneAsync();
        if (typed == "ID") typed = "33010619800101008" + PharmacyPos.Domain.Registration.ResidentId.CheckCharacter("33010619800101008");

        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByLabel("社保编码").FillAsync(typed);
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();

        var row = page.Locator($"tr[data-trade-no='{tradeNo}']");
        await Expect(row).ToContainTextAsync("**********0009");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("找到 1 笔订单");
        Assert.DoesNotContain(typed, await page.GetByTestId("refund-results").TextContentAsync());
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

    [Fact]
    public async Task A_failed_attempt_is_listed_only_on_request_greyed_and_cannot_be_rolled_back()
    {
        // 王五 never confirms: the attempt fails after the (shortened) window and took no money.
        var page = await pos.SaleAsync("YP00006");
        await page.Keyboard.PressAsync("Alt+S");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, await pos.CodeAsync("wang-wu"));
        var tradeNo = Till.TradeNoIn(await page.GetByTestId("waiting").TextContentAsync());
        await Expect(page.GetByTestId("scan-error")).ToHaveAttributeAsync("data-code", "NOT_CONFIRMED_IN_TIME", new() { Timeout = 30_000 });
        await page.GetByTestId("scan-close").ClickAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "REFUND_QUERY_EMPTY");

        await page.GetByLabel("显示支付失败的记录").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "查询" }).ClickAsync();
        var row = page.Locator($"tr.line[data-trade-no='{tradeNo}']");
        await Expect(row).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("muted"));
        await Expect(row.GetByTestId("row-status")).ToHaveTextAsync("支付失败");
        await row.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "回退" })).ToBeDisabledAsync();
        await Expect(page.GetByTestId("roll-back-why")).ToContainTextAsync("未支付成功（未扣款），无需回退");
        await page.Context.CloseAsync();
    }
}
