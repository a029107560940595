using System.Text;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>ID numbers and 社保编码 whole only where the registration form needs them: every other page, the log and the database file are searched.</summary>
[Collection(PosCollection.Name)]
public class PersonalDataTests(PosFixture pos)
{
    private const string ZhangSanCard = "330100001234567";
    private const string PurchaserId = "11010519491231002X";
    private const string InsuredCertNo = "33010619850315002";
    private const string PsnNo = "33010020000001";

    [Fact]
    public async Task No_full_id_number_or_social_security_number_appears_in_pages_logs_or_the_database_file()
    {
        var till = await pos.SaleAsync("YP00001", 16); // ¥209.60: registered
        await Till.SwipeAsync(till, ZhangSanCard);
        var tradeNo = await Till.RegisterAsync(till, PurchaserId, "社保卡支付成功");
        var pages = new Dictionary<string, string> { ["sale screen after payment"] = await till.ContentAsync() };

        await till.GotoAsync($"{pos.Server.BaseUrl}/receipt/{tradeNo}");
        await Expect(till.Locator("body")).ToContainTextAsync(tradeNo);
        pages["receipt"] = await till.ContentAsync();

        var refund = await pos.OpenTillAsync("/mobile-payment");
        await refund.GetByRole(AriaRole.Tab, new() { Name = "退单" }).ClickAsync();
        await refund.GetByLabel("社保编码").FillAsync(PsnNo);
        await refund.Keyboard.PressAsync("Enter");
        await Expect(refund.Locator($"tr[data-trade-no='{tradeNo}']")).ToContainTextAsync("**********0001");
        pages["退单 results by 社保编码"] = await refund.ContentAsync();

        var manager = await pos.OpenTillAsync("/registrations", "[data-testid=registrations]", StaffRole.Manager);
        await Expect(manager.GetByTestId("registrations")).ToContainTextAsync(tradeNo);
        pages["登记台账"] = await manager.ContentAsync();
        await manager.GotoAsync(pos.Server.BaseUrl + "/audit");
        await manager.GetByTestId("audit-trade").FillAsync(tradeNo);
        await manager.Keyboard.PressAsync("Enter");
        await Expect(manager.GetByTestId("audit-table")).ToContainTextAsync("购药登记");
        pages["审计日志"] = await manager.ContentAsync();
        pages["审计日志 CSV"] = await pos.Http.GetStringAsync($"/audit/export?tradeNo={tradeNo}");

        foreach (var (name, html) in pages)
            foreach (var whole in new[] { PurchaserId, InsuredCertNo, PsnNo })
                Assert.False(html.Contains(whole, StringComparison.Ordinal), $"{name} shows {whole} whole");
        Assert.Contains("1101**********002X", pages["登记台账"]);

        foreach (var whole in new[] { PurchaserId, InsuredCertNo, PsnNo })
            Assert.False(pos.Server.Log.Contains(whole, StringComparison.Ordinal), $"the POS log holds {whole} whole");

        foreach (var file in Directory.GetFiles(pos.Server.DataFolder, "pos.db*").Where(f => !f.EndsWith(".key", StringComparison.Ordinal) && !f.EndsWith(".running", StringComparison.Ordinal)))
        {
            var bytes = await ReadSharedAsync(file);
            foreach (var whole in new[] { PurchaserId, PsnNo })
                Assert.False(bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(whole)) >= 0, $"{Path.GetFileName(file)} holds {whole} in clear");
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string file)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
