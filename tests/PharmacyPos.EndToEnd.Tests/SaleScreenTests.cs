using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

[Collection(PosCollection.Name)]
public class SaleScreenTests(PosFixture pos)
{
    private static ILocator Lines(IPage page) => Till.Lines(page);

    private static Task ScanAsync(IPage page, string code) => Till.ScanAsync(page, code);

    [Fact]
    public async Task A_scanner_burst_adds_the_drug_as_a_line()
    {
        var page = await pos.OpenTillAsync();
        var drug = await pos.DrugAsync("YP00001");

        await ScanAsync(page, drug.GetProperty("barcode").GetString()!);

        await Expect(Lines(page)).ToHaveCountAsync(1);
        await Expect(Lines(page).First).ToContainTextAsync(drug.GetProperty("name").GetString()!);
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥" + drug.GetProperty("retailPrice").GetDecimal().ToString("0.00"));
        await Expect(page.Locator("#entry")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task A_scan_while_the_focus_is_elsewhere_still_lands_in_the_entry_box()
    {
        var page = await pos.OpenTillAsync();
        await page.Locator("h1").ClickAsync();
        await ScanAsync(page, (await pos.DrugAsync("YP00004")).GetProperty("barcode").GetString()!);
        await Expect(Lines(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Scanning_the_same_barcode_twice_makes_one_line_of_two()
    {
        var page = await pos.OpenTillAsync();
        var barcode = (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!;
        await ScanAsync(page, barcode);
        await ScanAsync(page, barcode);
        await Expect(Lines(page)).ToHaveCountAsync(1);
        await Expect(Lines(page).First.Locator("input.qty")).ToHaveValueAsync("2");
        await Expect(page.GetByTestId("item-count")).ToHaveTextAsync("2");
    }

    [Fact]
    public async Task Pinyin_initials_list_matches_and_arrow_and_enter_pick_one()
    {
        var page = await pos.OpenTillAsync();
        await page.Keyboard.TypeAsync("BLGKL");
        var suggestions = page.GetByTestId("suggestions").Locator("li");
        await Expect(suggestions.First).ToBeVisibleAsync();
        var count = await suggestions.CountAsync();
        Assert.True(count >= 2, "the demo catalogue has several 板蓝根颗粒");

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(suggestions.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        var picked = await suggestions.Nth(1).Locator(".spec").TextContentAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(Lines(page)).ToHaveCountAsync(1);
        await Expect(Lines(page).First).ToContainTextAsync("板蓝根颗粒");
        await Expect(Lines(page).First).ToContainTextAsync(picked!);
        await Expect(page.GetByTestId("suggestions")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Del_deletes_the_selected_line_and_only_that_line()
    {
        var page = await pos.OpenTillAsync();
        foreach (var code in new[] { "YP00001", "YP00004", "YP00006" })
            await ScanAsync(page, (await pos.DrugAsync(code)).GetProperty("barcode").GetString()!);
        await Expect(Lines(page)).ToHaveCountAsync(3);

        // The last entered line is selected; one up selects the middle one.
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(Lines(page).Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await page.Keyboard.PressAsync("Delete");

        await Expect(Lines(page)).ToHaveCountAsync(2);
        Assert.Equal(["YP00001", "YP00006"], await Lines(page).EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.code)"));
    }

    [Fact]
    public async Task Plus_and_minus_change_the_selected_quantity()
    {
        var page = await pos.OpenTillAsync();
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("+");
        await page.Keyboard.PressAsync("-");
        await Expect(Lines(page).First.Locator("input.qty")).ToHaveValueAsync("2");
    }

    [Fact]
    public async Task Alt_S_opens_the_mobile_payment_screen_with_the_sale_carried_over()
    {
        var page = await pos.OpenTillAsync();
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        var saleScreen = await page.Locator("body").GetAttributeAsync("data-till-ready");

        await page.Keyboard.PressAsync("Alt+S");

        await Expect(page).ToHaveURLAsync(new Regex("/mobile-payment$"));
        // The keys go to the new screen's editor once it has taken them (on a busy machine, a while after it shows).
        await Expect(page.Locator("body")).ToHaveAttributeAsync("data-till-ready", new Regex($"^(?!{saleScreen}$)[0-9a-f]{{32}}$"));
        await Expect(page.GetByTestId("tab-pay")).ToHaveTextAsync("手机支付");
        await Expect(page.GetByTestId("tab-refund")).ToHaveTextAsync("退单");
        await Expect(Lines(page)).ToHaveCountAsync(1);

        await page.Keyboard.PressAsync("Escape");
        await Expect(page).ToHaveURLAsync(new Regex("/$"));
        await Expect(Lines(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_mobile_payment_button_opens_the_mobile_payment_screen()
    {
        var page = await pos.OpenTillAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "手机支付" }).ClickAsync();
        await Expect(page.GetByTestId("mobile-payment-screen")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Each_script_of_the_guide_is_on_screen_at_its_moment_and_the_sale_screens_status_stays_behind()
    {
        var page = await pos.OpenTillAsync();
        // Before the first drug: the question, the reply to 用手机 (没有绑定 → A), the answer to 还可以用手机支付吗.
        await Expect(page.GetByTestId("ask-script")).ToContainTextAsync("请问您是用手机支付还是其他方式？");
        var byPhone = page.GetByTestId("answer-phone-script");
        await Expect(byPhone).ToContainTextAsync("顾客说“用手机”");
        await Expect(byPhone).ToContainTextAsync("您的手机已经绑定了社保卡对吧，马上为您办理。");
        await Expect(byPhone).ToContainTextAsync("顾客说没有绑定");
        await Expect(page.GetByTestId("can-pay-by-phone-script")).ToContainTextAsync("可以的，绑定电子社保卡后以后就可以手机刷社保卡。");

        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        await ScanAsync(page, (await pos.DrugAsync("YP00004")).GetProperty("barcode").GetString()!);
        await Expect(Lines(page)).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("ask-script")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("已删除");

        await page.Keyboard.PressAsync("Alt+S");
        await Expect(page.GetByTestId("mobile-payment-screen")).ToBeVisibleAsync();
        // The customer said 用手机: that reply is what applies here; the sale screen's 已删除 stayed there.
        await Expect(page.GetByTestId("answer-phone-script")).ToContainTextAsync("马上为您办理");
        await Expect(page.GetByTestId("can-pay-by-phone-script")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("status")).Not.ToContainTextAsync("已删除");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task With_print_on_success_turned_on_a_cash_sale_prints_its_receipt_by_itself_and_not_before()
    {
        var settings = await pos.OpenTillAsync("/settings", "[data-testid=settings-receipt]", PharmacyPos.Domain.Staff.StaffRole.Manager);
        var toggle = settings.GetByTestId("print-when-paid");
        try
        {
            var page = await pos.OpenTillAsync();
            async Task PayCashAsync(string drug)
            {
                await ScanAsync(page, (await pos.DrugAsync(drug)).GetProperty("barcode").GetString()!);
                await Expect(Lines(page)).ToHaveCountAsync(1);
                await page.Keyboard.PressAsync("F9");
                await Expect(page.GetByTestId("cash-received")).ToBeFocusedAsync();
                await page.Keyboard.TypeAsync("100");
                await page.Keyboard.PressAsync("Enter");
                await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功");
            }
            await PayCashAsync("YP00001");
            await Expect(page.GetByTestId("receipt-link")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("receipt-printed")).ToHaveCountAsync(0); // off by default: 打印小票 / F8 only

            await toggle.CheckAsync();
            await Expect(settings.GetByTestId("print-message")).ToContainTextAsync("已打开");
            await PayCashAsync("YP00004");

            await Expect(page.GetByTestId("receipt-printed")).ToHaveTextAsync("已自动打印小票");
            var tradeNo = TradeNoIn((await page.GetByTestId("status").TextContentAsync())!);
            await Expect(page.Locator("#print-area [data-testid=receipt]")).ToContainTextAsync(tradeNo);
            await Expect(page.Locator("#print-area")).ToBeHiddenAsync(); // on paper only
            await page.Context.CloseAsync();
        }
        finally
        {
            // The fixture's POS is shared: the setting goes back to its default for the tests after this one.
            if (await toggle.IsCheckedAsync())
            {
                await toggle.UncheckAsync();
                await Expect(settings.GetByTestId("print-message")).ToContainTextAsync("已关闭");
            }
            await settings.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Cash_checkout_saves_a_paid_order_clears_the_screen_and_shows_script_B()
    {
        var page = await pos.OpenTillAsync();
        await Expect(page.GetByTestId("ask-script")).ToContainTextAsync("请问您是用手机支付还是其他方式？");
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        await ScanAsync(page, (await pos.DrugAsync("YP00004")).GetProperty("barcode").GetString()!);
        await Expect(Lines(page)).ToHaveCountAsync(2);
        var total = await page.GetByTestId("total").TextContentAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "sale-screen.png") });

        await page.Keyboard.PressAsync("F9");
        await Expect(page.GetByTestId("cash-total")).ToHaveTextAsync(total!);
        await Expect(page.GetByTestId("cash-received")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("100");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功");
        await Expect(Lines(page)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥0.00");
        var scriptB = page.GetByTestId("follow-up-script");
        await Expect(scriptB).ToContainTextAsync("您可以考虑用手机支付宝/微信绑定电子社保卡，以后在本店手机刷社保卡支付，很方便的。");
        await Expect(scriptB).ToHaveAttributeAsync("data-kind", "Say"); // a sentence for the customer

        var tradeNo = TradeNoIn((await page.GetByTestId("status").TextContentAsync())!);
        var order = await pos.Http.GetStringAsync($"/api/orders/{tradeNo}");
        Assert.Contains("\"status\":\"已支付\"", order);
        Assert.Contains("\"method\":\"现金\"", order);

        // The next customer's first drug retires script B.
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        await Expect(page.GetByTestId("follow-up-script")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_cash_sale_is_announced_only_once_its_dialog_has_left_so_F8_on_reading_it_opens_the_receipt()
    {
        var page = await pos.SaleAsync("YP00001");
        await Till.WatchAnnouncementAsync(page, "现金收款成功");
        var tradeNo = await Till.PayCashAsync(page);
        await Till.AssertNoDialogAtAnnouncementAsync(page, "现金结算 was still on the page when 现金收款成功 was shown");

        var receipt = await page.RunAndWaitForPopupAsync(() => page.Keyboard.PressAsync("F8"));
        Assert.EndsWith($"/receipt/{tradeNo}?print=1", receipt.Url);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cash_below_the_total_is_refused_in_chinese_and_nothing_is_saved()
    {
        var page = await pos.OpenTillAsync();
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        await page.Keyboard.PressAsync("F9");
        await Expect(page.GetByTestId("cash-received")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("1");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByTestId("cash-error")).ToContainTextAsync("少于应收金额");
        await page.Keyboard.PressAsync("Escape");
        await Expect(Lines(page)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task An_unknown_barcode_is_reported_in_chinese_and_adds_nothing()
    {
        var page = await pos.OpenTillAsync();
        await ScanAsync(page, "6999999999999");
        await Expect(page.GetByTestId("status")).ToHaveTextAsync("未找到药品“6999999999999”，请核对条码、编码或拼音码后重新录入。");
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "DRUG_NOT_FOUND");
        await Expect(Lines(page)).ToHaveCountAsync(0);
    }

    [Theory]
    [InlineData("0", "数量必须在 1 到 999 之间。")]
    [InlineData("-3", "数量必须在 1 到 999 之间。")]
    [InlineData("1000", "数量必须在 1 到 999 之间。")]
    [InlineData("abc", "数量必须是整数。")]
    public async Task A_bad_quantity_is_refused_in_chinese_and_the_line_keeps_its_quantity(string typed, string message)
    {
        var page = await pos.OpenTillAsync();
        await ScanAsync(page, (await pos.DrugAsync("YP00001")).GetProperty("barcode").GetString()!);
        var qty = Lines(page).First.Locator("input.qty");
        await qty.FillAsync(typed);
        await qty.PressAsync("Enter");

        await Expect(page.GetByTestId("status")).ToHaveTextAsync(message);
        await Expect(qty).ToHaveValueAsync("1");
        await Expect(page.GetByTestId("item-count")).ToHaveTextAsync("1");
    }

    [Fact]
    public async Task A_typed_quantity_changes_the_line_and_the_total()
    {
        var page = await pos.OpenTillAsync();
        var drug = await pos.DrugAsync("YP00001");
        await ScanAsync(page, drug.GetProperty("barcode").GetString()!);
        var qty = Lines(page).First.Locator("input.qty");
        await qty.FillAsync("3");
        await qty.PressAsync("Enter");
        await Expect(page.GetByTestId("total")).ToHaveTextAsync("¥" + (drug.GetProperty("retailPrice").GetDecimal() * 3).ToString("0.00"));
    }

    private static string TradeNoIn(string text) => Till.TradeNoIn(text);
}
