using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>What a cashier's hands do at the till, shared by the browser tests.</summary>
public static partial class Till
{
    public static ILocator Lines(IPage page) => page.Locator("[data-testid=sale-lines] tbody tr.line");

    /// <summary>A scanner gun: the characters 2 ms apart, then Enter, into whatever has the focus.</summary>
    public static async Task ScanAsync(IPage page, string code)
    {
        await page.Keyboard.TypeAsync(code, new() { Delay = 2 });
        await page.Keyboard.PressAsync("Enter");
    }

    /// <summary>Scans a demo-catalogue drug's barcode, looked up by its 编码.</summary>
    /// Waits for any dialog to be gone first: keys typed while a closing dialog is still on the page are its own.
    public static async Task ScanDrugAsync(this PosFixture pos, IPage page, string drugCode)
    {
        var barcode = (await pos.DrugAsync(drugCode)).GetProperty("barcode").GetString()!;
        await Expect(page.Locator("[data-modal]")).ToHaveCountAsync(0);
        await ScanAsync(page, barcode);
    }

    /// <summary>A fresh till with one drug entered, its quantity typed in the 数量 field.</summary>
    public static async Task<IPage> SaleAsync(this PosFixture pos, string code, int quantity = 1)
    {
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, code);
        var qty = page.Locator($"tr.line[data-code={code}] input.qty");
        await Expect(qty).ToHaveCountAsync(1);
        if (quantity > 1)
        {
            await qty.FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await qty.PressAsync("Enter");
            await Expect(qty).ToHaveValueAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return page;
    }

    /// <summary>F9, 实收 ¥100 and Enter; the 交易号 of the cash sale once the till says it is paid.</summary>
    public static async Task<string> PayCashAsync(IPage page)
    {
        await page.Keyboard.PressAsync("F9");
        await page.GetByTestId("cash-received").FillAsync("100");
        await page.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功");
        return TradeNoIn(await page.GetByTestId("status").TextContentAsync());
    }

    /// <summary>F10 and a card through the reader.</summary>
    public static async Task SwipeAsync(IPage page, string cardNo)
    {
        await page.Keyboard.PressAsync("F10");
        await Expect(page.GetByTestId("scan-prompt")).ToHaveTextAsync("请刷社保卡，或手工输入社保卡号后回车");
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await ScanAsync(page, cardNo);
    }

    /// <summary>The registration form, filled and sent; the 交易号 of the payment it let through.</summary>
    public static async Task<string> RegisterAsync(IPage page, string purchaserId, string paidText)
    {
        await Expect(page.GetByTestId("registration-form")).ToBeVisibleAsync();
        await page.GetByTestId("reg-name").FillAsync("张小三");
        await page.GetByTestId("reg-id").FillAsync(purchaserId);
        await page.GetByTestId("reg-phone").FillAsync("13912345678");
        await page.GetByTestId("reg-relation").SelectOptionAsync("本人");
        await page.GetByTestId("reg-submit").ClickAsync();
        await Expect(page.GetByTestId("status")).ToContainTextAsync(paidText);
        return TradeNoIn(await page.GetByTestId("status").TextContentAsync());
    }

    /// <summary>
    /// Records, at the moment the status first says <paramref name="text"/>, whether a dialog was still on the
    /// page: a cashier presses the next key (F8) on reading it, and a dialog would keep that key.
    /// </summary>
    public static Task WatchAnnouncementAsync(IPage page, string text) => page.EvaluateAsync("""
        text => {
            window.dialogAtAnnouncement = undefined;
            const seen = () => {
                const status = document.querySelector('[data-testid=status]');
                if (window.dialogAtAnnouncement !== undefined || !status || !status.textContent.includes(text)) return;
                window.dialogAtAnnouncement = document.querySelector('[data-modal]') !== null;
            };
            new MutationObserver(seen).observe(document.body, { childList: true, subtree: true, characterData: true });
        }
        """, text);

    /// <summary>What <see cref="WatchAnnouncementAsync"/> saw: it must have seen the announcement, and no dialog with it.</summary>
    public static async Task AssertNoDialogAtAnnouncementAsync(IPage page, string failure)
    {
        var dialogAtAnnouncement = await page.EvaluateAsync<bool?>("() => window.dialogAtAnnouncement === undefined ? null : window.dialogAtAnnouncement");
        Assert.True(dialogAtAnnouncement is not null, "the watch never saw the status announce the payment");
        Assert.False(dialogAtAnnouncement, failure);
    }

    public static string TradeNoIn(string? text) => TradeNoPattern().Match(text ?? "").Value;

    [GeneratedRegex("[0-9]{24}")]
    private static partial Regex TradeNoPattern();
}
