using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>The manager's evening: 订单查询, 销售报表 and every back-office page on a small till monitor.</summary>
[Collection(PosCollection.Name)]
public class BackOfficeTests(PosFixture pos)
{
    private static string Today => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<string> PaidAsync(string drug, int quantity = 1)
    {
        var code = await pos.CodeAsync("auto", "WeChat");
        var paid = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = drug, quantity } }, code });
        paid.EnsureSuccessStatusCode();
        return (await paid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tradeNo").GetString()!;
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(1024)]
    public async Task The_order_search_finds_an_order_by_drug_and_amount_and_opens_its_whole_record(int width)
    {
        var tradeNo = await PaidAsync("YP00202", 3);
        var page = await pos.OpenTillAsync("/orders", "[data-testid=orders]", StaffRole.Manager, width);

        await page.GetByLabel("药品").FillAsync("YP00202");
        await page.GetByLabel("交易号").FillAsync(tradeNo);
        await page.GetByLabel("交易号").PressAsync("Enter");
        var row = page.Locator($"tr[data-trade-no='{tradeNo}']");
        await Expect(row).ToContainTextAsync("已支付");
        await Expect(row).ToContainTextAsync("微信");

        // A typo in the amount is named on the screen, nothing else happens.
        await page.GetByLabel("金额").FillAsync("12,5");
        await page.GetByLabel("金额").PressAsync("Enter");
        await Expect(page.GetByTestId("o-error")).ToContainTextAsync("金额格式不正确");
        // An amount that is not this order's finds nothing, and says so.
        await page.GetByLabel("金额").FillAsync("0.01");
        await page.GetByLabel("金额").PressAsync("Enter");
        await Expect(page.GetByTestId("orders")).ToContainTextAsync("无记录");
        await page.GetByLabel("金额").FillAsync("");
        await page.GetByLabel("金额").PressAsync("Enter");

        await page.Locator($"tr[data-trade-no='{tradeNo}'] a").ClickAsync();
        await Expect(page.GetByTestId("order-facts")).ToContainTextAsync(tradeNo);
        await Expect(page.GetByTestId("channel-trade-id")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("order-lines")).ToContainTextAsync("YP00202");
        await Expect(page.GetByTestId("order-journal")).ToContainTextAsync("支付成功");
        await Expect(page.GetByTestId("order-journal")).Not.ToContainTextAsync("order.paid");
        await Expect(page.GetByTestId("order-audit")).ToContainTextAsync("演示");
        await Expect(page.GetByTestId("reprint")).ToHaveAttributeAsync("href", $"receipt/{tradeNo}?print=1");
        await Expect(page.GetByTestId("refund-voucher")).ToHaveCountAsync(0);
        if (width == 1366) await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "order-record.png"), FullPage = true });
        await page.Context.CloseAsync();

        // The same who-did-what as a workbook: the 交易号 is text, the amount a number.
        var xlsx = await pos.Http.GetByteArrayAsync($"/audit/export?tradeNo={tradeNo}&format=xlsx");
        var audit = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.NotEmpty(audit);
        Assert.All(audit, r => Assert.Equal(tradeNo, r["交易号"]));
        Assert.All(audit, r => Assert.IsNotType<string>(r["金额"]));
    }

    [Fact]
    public async Task A_refunded_order_prints_a_refund_voucher()
    {
        var tradeNo = await PaidAsync("YP00001");
        (await pos.Http.PostAsync($"/api/orders/{tradeNo}/refund", JsonContent.Create(new { }))).EnsureSuccessStatusCode();
        var page = await pos.OpenTillAsync($"/orders/{tradeNo}", "[data-testid=order-facts]", StaffRole.Manager);
        await Expect(page.GetByTestId("order-status")).ToHaveTextAsync("已退款");
        await Expect(page.GetByTestId("order-refund")).ToContainTextAsync("已退款");
        await page.GotoAsync(pos.Server.BaseUrl + $"/receipt/{tradeNo}?refund=1");
        await Expect(page.GetByTestId("receipt-title")).ToHaveTextAsync("退款凭证");
        await Expect(page.GetByTestId("refund-facts")).ToContainTextAsync(tradeNo + "R1");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366)]
    [InlineData(1024)]
    public async Task The_sales_report_shows_the_day_by_method_and_exports_a_typed_workbook(int width)
    {
        await PaidAsync("YP00202"); // wholly self-paid: the whole amount goes through WeChat Pay
        var page = await pos.OpenTillAsync("/reports", "[data-testid=by-method]", StaffRole.Manager, width);
        await Expect(page.GetByTestId("report-period")).ToContainTextAsync(Today);
        await Expect(page.GetByTestId("by-method").Locator("tr[data-name='微信']")).Not.ToContainTextAsync("0.00 0.00");
        await Expect(page.GetByTestId("best-sellers")).ToContainTextAsync("YP00202");
        await page.GetByTestId("period-month").ClickAsync();
        await Expect(page.GetByTestId("report-period")).ToContainTextAsync(Today[..8] + "01"); // 本月 from the 1st (on the 1st, that one day)
        // Backwards dates are refused on the screen, not with an error page.
        await page.GetByTestId("report-from").FillAsync("2026-12-31");
        await page.GetByTestId("report-to").FillAsync("2026-01-01");
        await page.GetByTestId("report-go").ClickAsync();
        await Expect(page.GetByTestId("report-problem")).ToContainTextAsync("开始日期不能晚于结束日期");
        if (width == 1366)
        {
            await page.GetByTestId("period-day").ClickAsync();
            await Expect(page.GetByTestId("by-method")).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "sales-report.png"), FullPage = true });
        }
        await page.Context.CloseAsync();

        var xlsx = await pos.Http.GetByteArrayAsync($"/reports/export?from={Today}&to={Today}&format=xlsx");
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var wechat = rows.Single(r => (string?)r["分类"] == "支付方式" && (string?)r["项目"] == "微信");
        Assert.IsNotType<string>(wechat["销售额"]);
        Assert.True(Convert.ToDecimal(wechat["销售额"], CultureInfo.InvariantCulture) > 0m);
        var csv = await pos.Http.GetStringAsync($"/reports/export?from={Today}&to={Today}&format=csv");
        Assert.StartsWith("分类,项目,笔数/数量,销售额", csv.TrimStart('\uFEFF'));
        var backwards = await pos.Http.GetAsync($"/reports/export?from={Today}&to=2001-01-01");
        Assert.Equal("RANGE_INVALID", (await backwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_price_change_shows_old_and_new_and_waits_for_yes_and_the_drug_keeps_its_price_history()
    {
        var page = await pos.OpenTillAsync("/catalogue", "[data-testid=catalogue-table]", StaffRole.Manager);
        await page.GetByTestId("catalogue-q").FillAsync("YP00150");
        await Expect(page.GetByTestId("catalogue-total")).ToHaveTextAsync("1");
        var row = page.GetByTestId("catalogue-table").Locator("tbody tr").First;
        var old = (await row.Locator("td.num").TextContentAsync())!.Trim();
        var changed = (decimal.Parse(old, CultureInfo.InvariantCulture) + 1.11m).ToString("0.00", CultureInfo.InvariantCulture);

        await row.GetByTestId("price-edit").ClickAsync();
        await page.GetByTestId("price-input").FillAsync(changed);
        await page.GetByTestId("price-input").PressAsync("Enter");
        await Expect(page.GetByTestId("price-confirm")).ToContainTextAsync($"¥{old} → ¥{changed}");
        // 是 has the focus; N (否) leaves the price as it was.
        await Expect(page.GetByTestId("price-confirm-yes")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("price-confirm")).ToHaveCountAsync(0);
        await Expect(row.Locator("td.num")).ToHaveTextAsync(old);

        await page.GetByTestId("price-input").PressAsync("Enter");
        await page.GetByTestId("price-confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("price-message")).ToContainTextAsync($"已由 ¥{old} 改为 ¥{changed}");
        await Expect(row.Locator("td.num")).ToHaveTextAsync(changed);
        await row.GetByTestId("price-history-open").ClickAsync();
        await Expect(page.GetByTestId("price-history")).ToContainTextAsync($"¥{old} → ¥{changed}");
        await Expect(page.GetByTestId("price-history")).ToContainTextAsync("演示店长");
        await page.Context.CloseAsync();

        var xlsx = await pos.Http.GetByteArrayAsync("/catalogue/export?format=xlsx");
        var drug = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Single(r => (string?)r["编码"] == "YP00150");
        Assert.Equal(decimal.Parse(changed, CultureInfo.InvariantCulture), Convert.ToDecimal(drug["零售价"], CultureInfo.InvariantCulture));
        Assert.IsType<string>(drug["条码"]);
    }

    [Fact]
    public async Task The_settings_thresholds_are_a_form_whose_change_is_shown_old_to_new_before_it_is_saved()
    {
        var page = await pos.OpenTillAsync("/settings", "[data-testid=settings-amounts]", StaffRole.Manager);
        var field = page.GetByTestId("registration-threshold");
        var saved = await field.InputValueAsync();
        await field.FillAsync("987.65");
        await field.PressAsync("Enter");
        await Expect(page.GetByTestId("settings-confirm")).ToContainTextAsync($"登记金额 ¥{saved} → ¥987.65");
        await Expect(page.GetByTestId("settings-confirm-yes")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("n");
        await Expect(page.GetByTestId("settings-confirm")).ToHaveCountAsync(0);
        // Esc puts back what is saved: nothing was.
        await field.PressAsync("Escape");
        await Expect(field).ToHaveValueAsync(saved);

        // 是 saves (and only once: the bar sits inside the form, its buttons must not submit it again); then back as it was.
        var refund = page.GetByTestId("refund-threshold");
        var savedRefund = await refund.InputValueAsync();
        await refund.FillAsync("123.45");
        await refund.PressAsync("Enter");
        await page.GetByTestId("settings-confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("settings-message")).ToHaveTextAsync("已保存，立即生效。");
        await Expect(refund).ToHaveValueAsync("123.45");
        await refund.FillAsync(savedRefund);
        await refund.PressAsync("Enter");
        await page.GetByTestId("settings-confirm-yes").ClickAsync();
        await Expect(page.GetByTestId("settings-message")).ToHaveTextAsync("已保存，立即生效。");
        await Expect(refund).ToHaveValueAsync(savedRefund);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_empty_search_says_there_is_nothing_instead_of_showing_a_bare_header()
    {
        var page = await pos.OpenTillAsync("/catalogue", "[data-testid=catalogue-table]", StaffRole.Manager);
        await page.GetByTestId("catalogue-q").FillAsync("没有这种药ZZZ");
        await Expect(page.GetByTestId("catalogue-table")).ToContainTextAsync("无记录");
        await page.GotoAsync(pos.Server.BaseUrl + "/audit");
        await page.GetByTestId("audit-trade").FillAsync("209901010000000000000000");
        await page.GetByTestId("audit-query").ClickAsync();
        await Expect(page.GetByTestId("audit-table")).ToContainTextAsync("无记录");
        await page.Context.CloseAsync();
    }

    /// <summary>Every page a manager opens, on a 1024×768 till monitor (账号, the administrator's, in <see cref="StaffAccountTests"/>).</summary>
    [Theory]
    [InlineData("/", "body[data-till-ready]")]
    [InlineData("/mobile-payment", "body[data-till-ready]")]
    [InlineData("/catalogue", "h1")]
    [InlineData("/orders", "[data-testid=orders]")]
    [InlineData("/reports", "[data-testid=by-method]")]
    [InlineData("/registrations", "[data-testid=registrations]")]
    [InlineData("/reconciliation", "[data-testid=rec-summary]")]
    [InlineData("/audit", "h1")]
    [InlineData("/settings", "h1")]
    public async Task At_1024_pixels_nothing_spills_sideways_and_no_label_breaks_into_single_characters(string path, string ready)
    {
        var page = await pos.OpenTillAsync(path, ready, StaffRole.Manager, 1024);
        var problems = await SmallMonitor.ProblemsAsync(page);
        Assert.True(problems.Length == 0, $"{path} at 1024 px: " + string.Join("; ", problems));
        await page.Context.CloseAsync();
    }
}

/// <summary>What a 1024×768 till monitor shows badly: a page wider than the window, a short label broken over lines.</summary>
internal static class SmallMonitor
{
    public static Task<string[]> ProblemsAsync(IPage page) =>
        page.EvaluateAsync<string[]>(@"() => {
            const found = [];
            if (document.documentElement.scrollWidth > window.innerWidth + 1)
                found.push(`page is ${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px window`);
            // A label on one line is about one line-height tall; one character per line is many.
            for (const el of document.querySelectorAll('.topbar a, .topbar span, table th, button, label')) {
                const text = (el.innerText || '').trim();
                if (!text || el.offsetParent === null) continue;
                if (el.tagName === 'LABEL' && el.querySelector('input, select, textarea')) continue; // its field may sit below its words
                const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.4;
                const lines = Math.round((el.getBoundingClientRect().height - parseFloat(getComputedStyle(el).paddingTop) - parseFloat(getComputedStyle(el).paddingBottom)) / lh);
                if (text.length <= 8 && lines > 1 && !found.some(f => f.startsWith(`'${text}'`))) found.push(`'${text}' is broken over ${lines} lines`);
            }
            return found;
        }");
}
