using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// Batches at the till, in the browser: each line shows its 批号 and 有效期至, a near-expiry lot is
/// marked, an expired or missing drug is refused with the reason, F6 picks another batch, and the
/// sold lot is on the receipt, the order's page, the 销售记录 and off the stock.
/// </summary>
[Collection(PosCollection.Name)]
public class BatchAtTillTests(PosFixture pos)
{
    /// <summary>The demo store's batches of a drug with their stock, from the 库存 export.</summary>
    private async Task<List<(string Lot, string State, int OnHand)>> BatchesAsync(string code)
    {
        var xlsx = await pos.Http.GetByteArrayAsync($"/stock/export?filter=all&q={code}&format=xlsx");
        return [.. MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Where(r => (string?)r["编码"] == code)
            .Select(r => ((string)r["批号"]!, (string)r["状态"]!, Convert.ToInt32(r["库存"], System.Globalization.CultureInfo.InvariantCulture)))];
    }

    [Fact]
    public async Task A_near_expiry_lot_is_marked_an_expired_or_missing_drug_is_refused_and_F6_picks_another_batch()
    {
        var page = await pos.OpenTillAsync();
        var status = page.GetByTestId("status");

        // YP00009's oldest demo lot expires within the 90 days: first expiry first out takes it, and says so.
        await pos.ScanDrugAsync(page, "YP00009");
        var line = Till.Lines(page).First;
        await Expect(line.GetByTestId("near-expiry")).ToHaveTextAsync("近效期");
        await Expect(status).ToContainTextAsync("近效期药品");
        var nearLot = await line.GetAttributeAsync("data-lot");

        await page.Keyboard.PressAsync("F6");
        var list = page.GetByTestId("batch-list");
        await Expect(list.Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(list.Locator("tbody tr[aria-selected=true]")).ToHaveAttributeAsync("data-lot", nearLot!);
        var next = await list.Locator("tbody tr").Nth(1).GetAttributeAsync("data-lot");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(list).ToHaveCountAsync(0);
        await Expect(line).ToHaveAttributeAsync("data-lot", next!);
        await Expect(line.GetByTestId("near-expiry")).ToHaveCountAsync(0);
        await Expect(status).ToContainTextAsync($"改为批号 {next}");

        // The keyboard is the entry box's again: an expired drug is refused with the reason, nothing is added.
        await pos.ScanDrugAsync(page, "YP00240");
        await Expect(status).ToContainTextAsync("过期，不能销售");
        await Expect(status).ToHaveAttributeAsync("data-code", "BATCH_EXPIRED");
        await pos.ScanDrugAsync(page, "YP00242");
        await Expect(status).ToContainTextAsync("库存不足：可售 0");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_cash_sale_names_its_lot_on_the_receipt_the_order_page_and_the_sales_record_and_takes_the_box_off_stock()
    {
        var before = await BatchesAsync("YP00007");
        var page = await pos.OpenTillAsync();
        await pos.ScanDrugAsync(page, "YP00007");
        var lot = await Till.Lines(page).First.GetAttributeAsync("data-lot");
        Assert.False(string.IsNullOrEmpty(lot));
        var tradeNo = await Till.PayCashAsync(page);
        await page.Context.CloseAsync();

        var after = await BatchesAsync("YP00007");
        Assert.Equal(before.Single(b => b.Lot == lot).OnHand - 1, after.Single(b => b.Lot == lot).OnHand);
        Assert.Contains($"批号 {lot}", await pos.Http.GetStringAsync($"/receipt/{tradeNo}"));
        var record = await pos.OpenTillAsync($"/orders/{tradeNo}", "[data-testid=order-facts]", StaffRole.Manager);
        await Expect(record.GetByTestId("order-line")).ToContainTextAsync(lot!);
        await record.Context.CloseAsync();

        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var csv = await pos.Http.GetStringAsync($"/stock/sales-record?from={today}&to={today}&format=csv");
        var row = csv.Split('\n').Single(l => l.Contains(tradeNo, StringComparison.Ordinal));
        Assert.Contains(lot!, row);
        Assert.Contains("YP00007", row);
        Assert.StartsWith("销售时间,交易号,药品编码,药品名称,规格,生产厂家,批号,有效期至,数量", csv.TrimStart('\uFEFF'));
    }

    [Fact]
    public async Task A_manager_counts_a_batch_and_the_difference_is_booked_as_one_adjustment()
    {
        var lot = (await BatchesAsync("YP00008"))[0];
        var page = await pos.OpenTillAsync("/stock", "[data-testid=stock-table]", StaffRole.Manager);
        await page.GetByTestId("stock-q").FillAsync(lot.Lot);
        await page.GetByTestId("stock-q").PressAsync("Enter");
        await Expect(page.GetByTestId("stock-table")).ToHaveAttributeAsync("data-shown", $"All:{lot.Lot}"); // the search's list, not the first one
        var row = page.Locator($"tr[data-lot='{lot.Lot}']", new() { HasText = "YP00008" }); // demo lot numbers repeat across drugs
        await row.GetByTestId("count-batch").ClickAsync();
        await page.GetByTestId("counted").FillAsync((lot.OnHand + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("count-confirm").ClickAsync();
        await Expect(page.GetByTestId("count-result")).ToContainTextAsync($"实盘 {lot.OnHand + 2}（+2）");
        await Expect(row.GetByTestId("on-hand")).ToHaveTextAsync((lot.OnHand + 2).ToString(System.Globalization.CultureInfo.InvariantCulture));

        await Expect(page.GetByTestId("count-form")).ToHaveCountAsync(0); // the form closes on success
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_json_api_refuses_an_expired_lot_an_unknown_lot_and_a_drug_out_of_stock_with_typed_errors()
    {
        var expiredLot = (await BatchesAsync("YP00240"))[0].Lot;
        async Task<(HttpStatusCode, string?)> SellAsync(string entry, string? lotNo)
        {
            var code = (await pos.Http.GetFromJsonAsync<JsonElement>($"{pos.Server.SandboxUrl}/admin/codes/auto/WeChat")).GetProperty("code").GetString();
            var response = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry, quantity = 1, lotNo } }, code });
            return (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        }
        Assert.Equal((HttpStatusCode.Conflict, "BATCH_EXPIRED"), await SellAsync("YP00240", expiredLot));
        Assert.Equal((HttpStatusCode.Conflict, "BATCH_EXPIRED"), await SellAsync("YP00240", null));
        Assert.Equal((HttpStatusCode.NotFound, "BATCH_NOT_FOUND"), await SellAsync("YP00001", "NO-SUCH-LOT"));
        Assert.Equal((HttpStatusCode.Conflict, "OUT_OF_STOCK"), await SellAsync("YP00242", null));
    }

    [Fact]
    public async Task The_manager_switches_missing_stock_to_a_warning_and_the_till_sells_with_the_shortage_said()
    {
        var settings = await pos.OpenTillAsync("/settings", "[data-testid=settings-stock]", StaffRole.Manager);
        var toggle = settings.GetByTestId("refuse-out-of-stock");
        await Expect(toggle).ToBeCheckedAsync();
        await toggle.ClickAsync();
        await Expect(settings.GetByTestId("stock-rule-message")).ToContainTextAsync("缺货时只提示");
        try
        {
            var page = await pos.OpenTillAsync();
            await pos.ScanDrugAsync(page, "YP00242");
            await Expect(page.GetByTestId("status")).ToContainTextAsync("库存不足（可售 0 瓶），已按缺货录入");
            await Expect(Till.Lines(page).First.Locator(".no-batch")).ToHaveTextAsync("无批号库存");
            await page.Context.CloseAsync();
        }
        finally
        {
            await toggle.ClickAsync();
            await Expect(settings.GetByTestId("stock-rule-message")).ToContainTextAsync("缺货的药品不能录入");
            await settings.Context.CloseAsync();
        }
    }
}
