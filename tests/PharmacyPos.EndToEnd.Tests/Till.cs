using System.Text.RegularExpressions;
using Microsoft.Playwright;

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
    public static async Task ScanDrugAsync(this PosFixture pos, IPage page, string drugCode) =>
        await ScanAsync(page, (await pos.DrugAsync(drugCode)).GetProperty("barcode").GetString()!);

    public static string TradeNoIn(string? text) => TradeNoPattern().Match(text ?? "").Value;

    [GeneratedRegex("[0-9]{24}")]
    private static partial Regex TradeNoPattern();
}
