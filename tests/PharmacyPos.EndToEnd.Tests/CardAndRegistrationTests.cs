using PharmacyPos.Domain.Staff;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>The physical social-security card (话术 B) and the registration ledger.</summary>
[Collection(PosCollection.Name)]
public class CardAndRegistrationTests(PosFixture pos)
{
    private const string ZhangSanCard = "330100001234567";

    [Fact]
    public async Task A_card_swipe_pays_from_the_personal_account_and_shows_script_B()
    {
        var page = await pos.SaleAsync("YP00001");
        await Till.SwipeAsync(page, ZhangSanCard);

        await Expect(page.GetByTestId("status")).ToContainTextAsync("社保卡支付成功");
        await Expect(page.GetByTestId("follow-up-script")).ToContainTextAsync("您可以考虑用手机支付宝/微信绑定电子社保卡");
        var tradeNo = Till.TradeNoIn(await page.GetByTestId("status").TextContentAsync());
        Assert.Equal("InsuranceSettlement", Assert.Single(await pos.LedgerAsync(tradeNo)).GetProperty("movement").GetString());
    }

    [Fact]
    public async Task A_card_cannot_pay_for_a_wholly_self_paid_drug()
    {
        var page = await pos.SaleAsync("YP00232");
        await Till.SwipeAsync(page, ZhangSanCard);
        await Expect(page.GetByTestId("scan-error")).ToContainTextAsync("不能刷社保卡支付");
        await Expect(page.GetByTestId("scan-error")).ToHaveAttributeAsync("data-code", "CARD_DRUG_BARRED");
    }

    [Fact]
    public async Task A_card_swipe_at_the_threshold_is_registered_and_the_ledger_lists_and_exports_it()
    {
        var page = await pos.SaleAsync("YP00001", 16); // ¥209.60
        await Till.SwipeAsync(page, ZhangSanCard);
        var tradeNo = await Till.RegisterAsync(page, "11010519491231002X", "社保卡支付成功");

        // The ledger is the manager's: a cashier's till does not open it.
        var ledger = await pos.OpenTillAsync("/registrations", "h1", StaffRole.Manager);
        var table = ledger.GetByTestId("registrations");
        await Expect(table).ToContainTextAsync(tradeNo);
        await Expect(table).ToContainTextAsync("1101**********002X");
        await Expect(table).Not.ToContainTextAsync("11010519491231002X");
        // Searched by the whole ID number (sealed in the database, matched once opened) and by a name that is not there.
        await ledger.GetByLabel("姓名/身份证号/交易号").FillAsync("11010519491231002X");
        await ledger.GetByLabel("姓名/身份证号/交易号").PressAsync("Enter");
        await Expect(table).ToContainTextAsync(tradeNo);
        await ledger.GetByLabel("姓名/身份证号/交易号").FillAsync("查无此人");
        await ledger.GetByLabel("姓名/身份证号/交易号").PressAsync("Enter");
        await Expect(table).ToContainTextAsync("无记录");
        await Expect(ledger.GetByTestId("reg-count")).ToHaveTextAsync("0");

        var day = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd");
        var csv = await pos.Http.GetStringAsync($"/registrations/export?date={day}&format=csv");
        Assert.Contains(tradeNo, csv);
        // The ID number as text Excel keeps whole (="…"), the rest as typed.
        Assert.Contains("张小三,\"=\"\"11010519491231002X\"\"\",\"=\"\"13912345678\"\"\",本人", csv);
        // Whole ID numbers leaving the POS are on record: who, when, which day.
        var audit = await pos.Http.GetStringAsync($"/audit/export?from={day}&to={day}&action=registrations.exported");
        Assert.Matches($"manager,演示店长,店长,导出登记台账,,,,{day} 登记台账 CSV", audit);
        var xlsx = await pos.Http.GetByteArrayAsync($"/registrations/export?date={day}&format=xlsx");
        var sheet = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>()
            .Single(r => (string?)r["交易号"] == tradeNo);
        Assert.Equal("11010519491231002X", sheet["身份证号"]);
        Assert.Equal(209.60m, Convert.ToDecimal(sheet["金额"], System.Globalization.CultureInfo.InvariantCulture));

        var bad = await pos.Http.GetAsync("/registrations/export?date=2026-13-45&format=csv");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("DATE_INVALID", await bad.Content.ReadAsStringAsync());
    }
}
