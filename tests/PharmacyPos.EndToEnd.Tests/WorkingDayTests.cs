using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// A whole day at one till, on a POS of its own (日结 needs every shift of the store handed over):
/// 备用金, a sale by each method (现金, 社保卡, 医保个人账户, 支付宝, 微信), a refund, 挂单/取单, 交班 with a 短款, then the manager's 日结 and its report.
/// </summary>
[Collection(PosCollection.Name)]
public sealed partial class WorkingDayTests
{
    [GeneratedRegex("/shift$")]
    private static partial Regex ShiftPage();

    [Fact]
    public async Task A_day_opens_with_a_float_sells_by_each_method_hands_over_short_and_closes_with_its_report()
    {
        var day = new PosFixture();
        await day.InitializeAsync();
        try
        {
            // Signing in opened the shift; the sale screen asks for the 备用金 without blocking a sale.
            var page = await day.OpenTillAsync();
            await page.GetByTestId("float-reminder").GetByRole(AriaRole.Link, new() { Name = "去登记" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(ShiftPage());
            await page.GetByTestId("float-amount").FillAsync("200");
            await page.GetByTestId("float-amount").PressAsync("Enter");
            await Expect(page.GetByTestId("shift-float")).ToHaveTextAsync("¥200.00");

            // 现金, 社保卡, 扫码 from the insurance account.
            await page.GotoAsync(day.Server.BaseUrl + "/");
            await page.WaitForSelectorAsync("body[data-till-ready]");
            await Expect(page.GetByTestId("float-reminder")).ToHaveCountAsync(0);
            await day.ScanDrugAsync(page, "YP00004");
            var cashTradeNo = await Till.PayCashAsync(page);
            await day.ScanDrugAsync(page, "YP00001");
            await Till.SwipeAsync(page, "330100001234567");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("社保卡支付成功");
            // 扫码: the insurance account for a mapped drug; a 未对码 drug goes to the wallet whose code was shown.
            foreach (var (drug, wallet) in new[] { ("YP00001", "Alipay"), ("YP00202", "Alipay"), ("YP00202", "WeChat") })
            {
                await page.GotoAsync(day.Server.BaseUrl + "/");
                await page.WaitForSelectorAsync("body[data-till-ready]");
                await day.ScanDrugAsync(page, drug);
                await Expect(Till.Lines(page)).ToHaveCountAsync(1);
                await page.Keyboard.PressAsync("Alt+S");
                await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
                await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
                await Till.ScanAsync(page, await day.CodeAsync("auto", wallet));
                await Expect(page.GetByTestId("status")).ToContainTextAsync("支付成功", new() { Timeout = 45_000 });
            }

            // 挂单 and 取单, and one left parked: it expires at 日结.
            await page.GotoAsync(day.Server.BaseUrl + "/");
            await page.WaitForSelectorAsync("body[data-till-ready]");
            await day.ScanDrugAsync(page, "YP00006");
            await page.Keyboard.PressAsync("F3");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("已挂单");
            await page.Keyboard.PressAsync("F7");
            await Expect(page.GetByTestId("parked-list").Locator("tbody tr")).ToHaveCountAsync(1);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("已取单");
            await page.Keyboard.PressAsync("F3");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("已挂单");

            // The cash sale is refunded by the same cashier (through the API, as the 退单 screen is tested elsewhere).
            using (var cashier = await day.Server.SignInAsync(StaffRole.Cashier))
                Assert.True((await cashier.PostAsJsonAsync($"/api/orders/{cashTradeNo}/refund", new { })).IsSuccessStatusCode);

            // 交班: the sheet shows each method; ¥3.00 short is within the store's ¥10.00.
            await page.GotoAsync(day.Server.BaseUrl + "/shift");
            var sheet = page.GetByTestId("shift-sheet");
            await Expect(page.GetByTestId("shift-method-Cash")).ToContainTextAsync("1");
            await Expect(page.GetByTestId("shift-method-SocialSecurityCard")).ToContainTextAsync("1");
            await Expect(page.GetByTestId("shift-method-InsuranceAccount")).ToContainTextAsync("1");
            await Expect(page.GetByTestId("shift-method-Alipay")).ToContainTextAsync("1");
            await Expect(page.GetByTestId("shift-method-WeChatPay")).ToContainTextAsync("1");
            // 备用金 200 + the cash sale − its refund: the drawer should hold ¥200.00.
            await Expect(page.GetByTestId("shift-expected")).ToHaveTextAsync("¥200.00");
            await page.GetByTestId("count-total").FillAsync("197");
            await page.GetByTestId("count-total").PressAsync("Enter");
            await Expect(page.GetByTestId("handover-confirm")).ToContainTextAsync("短款 ¥3.00");
            await Expect(page.GetByTestId("handover-confirm-yes")).ToBeFocusedAsync();
            await page.Keyboard.PressAsync("y");
            await Expect(sheet.Locator("h2")).ToHaveTextAsync("交班单");
            await Expect(page.GetByTestId("shift-difference")).ToHaveTextAsync("短款 ¥3.00");
            await Expect(page.GetByTestId("shift-print")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "shift-handover.png"), FullPage = true });

            // 日结 by the manager.
            var manager = await day.OpenTillAsync("/day-close", "[data-testid=day-report]", StaffRole.Manager);
            await Expect(manager.GetByTestId("day-state")).ToContainTextAsync("尚未日结");
            await Expect(manager.GetByTestId("day-parked")).ToContainTextAsync("1 笔挂单");
            await manager.GetByTestId("day-close").ClickAsync();
            await Expect(manager.GetByTestId("day-confirm-yes")).ToBeFocusedAsync();
            await manager.Keyboard.PressAsync("y");
            await Expect(manager.GetByTestId("day-state")).ToContainTextAsync("日结，报表不再改变", new() { Timeout = 60_000 });
            await Expect(manager.GetByTestId("day-notes")).ToContainTextAsync("挂单未取");
            await Expect(manager.GetByTestId("day-shifts")).ToContainTextAsync("短款 ¥3.00");
            await Expect(manager.GetByTestId("day-by-method")).ToContainTextAsync("社保卡");
            await Expect(manager.GetByTestId("day-by-terminal-method")).ToContainTextAsync("T0001-01 微信");
            await manager.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "day-close.png"), FullPage = true });

            var today = await manager.GetByTestId("day-date").InputValueAsync();
            var csv = await day.Http.GetStringAsync($"/day-close/export?day={today}&format=csv");
            Assert.Contains("短款 ¥3.00", csv);
            Assert.Equal(csv, await day.Http.GetStringAsync($"/day-close/export?day={today}&format=csv"));
            var again = await day.Http.PostAsJsonAsync($"/api/day-close/{today}", new { carryInDoubt = true });
            Assert.Equal(System.Net.HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("DAY_ALREADY_CLOSED", await again.Content.ReadAsStringAsync());
        }
        finally
        {
            await day.DisposeAsync();
        }
    }
}
