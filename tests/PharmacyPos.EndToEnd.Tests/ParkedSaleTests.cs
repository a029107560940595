using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>挂单/取单 at the till: F3 sets the sale aside, the next customer is served, F7 lists it and Enter brings it back.</summary>
[Collection(PosCollection.Name)]
public class ParkedSaleTests(PosFixture pos)
{
    [Fact]
    public async Task F3_parks_the_sale_the_next_customer_pays_and_F7_brings_the_parked_sale_back()
    {
        var page = await pos.SaleAsync("YP00004", 2);
        var status = page.GetByTestId("status");
        await page.Keyboard.PressAsync("F7");
        await Expect(status).ToHaveAttributeAsync("data-code", "SALE_IN_PROGRESS");

        await page.Keyboard.PressAsync("F3");
        await Expect(status).ToContainTextAsync("已挂单");
        await Expect(Till.Lines(page)).ToHaveCountAsync(0);

        await pos.ScanDrugAsync(page, "YP00006");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        await Till.PayCashAsync(page);

        await page.Keyboard.PressAsync("F7");
        var list = page.GetByTestId("parked-list");
        await Expect(list.Locator("tbody tr").First).ToContainTextAsync("头孢");
        await Expect(page.GetByTestId("parked-no")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(list).ToHaveCountAsync(0);
        await Expect(status).ToContainTextAsync("已取单");
        var line = Till.Lines(page).First;
        await Expect(line).ToHaveAttributeAsync("data-code", "YP00004");
        await Expect(line.Locator("input.qty")).ToHaveValueAsync("2");
        // The keyboard is the entry box's again.
        await pos.ScanDrugAsync(page, "YP00006");
        await Expect(Till.Lines(page)).ToHaveCountAsync(2);
        await page.Context.CloseAsync();
    }
}
