using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>库存: receiving a delivery, the demo's expired and near-expiry batches, and their exports.</summary>
[Collection(PosCollection.Name)]
public class StockPageTests(PosFixture pos)
{
    [Theory]
    [InlineData(1366)]
    [InlineData(1024)]
    public async Task A_manager_receives_a_delivery_and_sees_each_bad_row_with_its_reason(int width)
    {
        var lot = "E2E" + Random.Shared.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture);
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        var page = await pos.OpenTillAsync("/stock", "[data-testid=receiving][data-ready]", StaffRole.Manager, width);
        var csv = "编码,批号,生产日期,有效期至,数量,供应商,进价\n" +
                  $"YP00150,{lot},{today.AddMonths(-2):yyyy-MM-dd},{today.AddYears(2):yyyy-MM-dd},36,国药控股,5.20\n" +
                  $"YP00150,{lot}X,{today.AddYears(-3):yyyy-MM-dd},{today.AddDays(-1):yyyy-MM-dd},5,,\n";
        await page.GetByTestId("receiving-file").SetInputFilesAsync(new FilePayload
        {
            Name = "入库单.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Expect(page.GetByTestId("receiving-summary")).ToContainTextAsync("入库完成：1 行，共 36 件");
        await Expect(page.GetByTestId("receiving-errors")).ToContainTextAsync("过期，不能入库");
        await Expect(page.GetByTestId("receiving-file-name")).ToHaveTextAsync("入库单.csv");

        await page.GetByTestId("stock-q").FillAsync(lot);
        await page.GetByTestId("stock-q").PressAsync("Enter");
        var row = page.Locator($"tr[data-lot='{lot}']");
        await Expect(row.GetByTestId("on-hand")).ToHaveTextAsync("36");
        await Expect(row.GetByTestId("batch-state")).ToHaveTextAsync("正常");
        if (width == 1024)
        {
            var small = await SmallMonitor.ProblemsAsync(page);
            Assert.True(small.Length == 0, "/stock at 1024 px: " + string.Join("; ", small));
        }
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_expired_and_near_expiry_reports_list_the_demo_batches_and_export_as_a_workbook()
    {
        var page = await pos.OpenTillAsync("/stock", "[data-testid=stock-table]", StaffRole.Manager);
        await page.GetByTestId("stock-expired").ClickAsync();
        var expired = page.Locator("tr.expired", new() { HasText = "YP00240" });
        await Expect(expired.GetByTestId("batch-state")).ToHaveTextAsync("过期");
        await page.GetByTestId("stock-near").ClickAsync();
        await Expect(page.Locator("tr.near-expiry").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("stock-table")).Not.ToContainTextAsync("过期");
        await page.Context.CloseAsync();

        var xlsx = await pos.Http.GetByteArrayAsync("/stock/export?filter=expired&format=xlsx");
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Contains(rows, r => (string?)r["编码"] == "YP00240" && (string?)r["状态"] == "过期");
        Assert.All(rows, r => Assert.IsNotType<string>(r["库存"]));
    }
}
