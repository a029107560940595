using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>
/// The till while a part fails: a channel that answers nothing, a database locked by another
/// program, a full disk, PostgreSQL gone. Each test has a POS of its own (its database is the one
/// that breaks) and asserts what the cashier reads, that nothing is charged twice, and that the
/// screen reaches the final state once the fault ends.
/// </summary>
[Collection(PosCollection.Name)]
public sealed partial class FaultTests(PosFixture pos)
{
    /// <summary>Seconds instead of a minute: the window, the wait before the cashier may leave, recovery's round.</summary>
    private static readonly string[] Quick =
    [
        "--MobilePayment:ConfirmWindowSeconds", "6", "--MobilePayment:PollIntervalSeconds", "1",
        "--MobilePayment:LeaveAfterCancelSeconds", "2", "--Recovery:IntervalSeconds", "1", "--Recovery:GraceSeconds", "1",
    ];

    /// <summary>How long a screen may take to reach a state it is bound to reach (not a speed target: a bound on waiting).</summary>
    private static readonly LocatorAssertionsToContainTextOptions Eventually = new() { Timeout = 45_000 };

    [Fact]
    public async Task A_channel_that_answers_nothing_is_shown_as_unreachable_the_cashier_can_leave_and_the_failure_is_not_blamed_on_the_customer()
    {
        await using var server = await PosServer.StartAsync(Quick);
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        var page = await TillAsync(server, "/mobile-payment");
        await EnterDrugAsync(page, "YP00006");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        var code = await CodeAsync(sandbox, "wang-wu", "Alipay");
        (await sandbox.PostAsJsonAsync("/admin/faults", new { channel = "alipay", operation = "*", kind = "ServerError", times = -1 })).EnsureSuccessStatusCode();

        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, code);

        var status = page.GetByTestId("waiting-status");
        await Expect(status).ToHaveTextAsync("支付渠道暂时无法连接，正在核实交易结果，请勿重复收款。");
        await Expect(status).Not.ToContainTextAsync("等待顾客");
        var tradeNo = Till.TradeNoIn(await page.GetByTestId("waiting").TextContentAsync());
        // Past the window the cancel cannot be confirmed either: the cashier is not held in the dialog.
        await Expect(status).ToContainTextAsync("支付渠道无响应，正在撤销", Eventually);
        await Expect(page.GetByTestId("leave")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.Keyboard.PressAsync("Escape");

        await Expect(page.GetByTestId("scan-dialog")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("status")).ToContainTextAsync($"交易号 {tradeNo} 的支付结果正在后台核实，确认前请勿重复收款");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1); // the sale is kept
        await Expect(page.GetByTestId("last-payment")).ToContainTextAsync("上一笔支付正在核实");

        await sandbox.DeleteAsync("/admin/faults");
        // Recovery cancels it; the banner tells the truth about why, and nothing was taken.
        await Expect(page.GetByTestId("last-payment")).ToContainTextAsync("上一笔支付已撤销，未扣款", Eventually);
        await Expect(page.GetByTestId("last-payment")).ToContainTextAsync("支付渠道无响应");
        await Expect(page.GetByTestId("last-payment")).Not.ToContainTextAsync("顾客未");
        Assert.Empty(await LedgerAsync(sandbox, tradeNo));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_slow_channel_is_said_to_be_slow_while_the_scan_waits_and_the_payment_then_completes()
    {
        // The buyer's window is not under test: a full minute. With the quick 6 s window the 6 s delay raced it, and on a
        // busy machine (one CI run) recovery's poll after the deadline cancelled the payment while 2102 was still on its way.
        await using var server = await PosServer.StartAsync([.. Quick, "--MobilePayment:ConfirmWindowSeconds", "60"]);
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        var page = await TillAsync(server, "/mobile-payment");
        await EnterDrugAsync(page, "YP00001");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        (await sandbox.PostAsJsonAsync("/admin/faults", new { channel = "insurance", operation = "2102", kind = "Latency", delayMs = 6000, times = 1 })).EnsureSuccessStatusCode();

        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, await CodeAsync(sandbox, "auto", "Alipay"));

        await Expect(page.GetByTestId("scan-slow")).ToContainTextAsync("渠道响应慢");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("支付成功", Eventually);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_database_locked_by_another_program_is_named_on_screen_the_sale_stays_and_the_payment_wait_survives_it()
    {
        // The buyer's window is not under test here: a full minute, so a busy machine cannot let it lapse before the phone confirms.
        // The lock wait is 8 s, so the 数据库响应慢 notice (after 2 s) is on screen long enough to be seen on a busy machine.
        await using var server = await PosServer.StartAsync([.. Quick, "--MobilePayment:ConfirmWindowSeconds", "60", "--Database:BusyTimeoutSeconds", "8"]);
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        using var manager = await server.SignInAsync(StaffRole.Manager);
        var page = await TillAsync(server, "/");
        await EnterDrugAsync(page, "YP00006");

        // 现金结算 while another program holds the write lock: a busy state, then the reason; nothing is recorded.
        await using (await HoldWriteLockAsync(server))
        {
            await page.Keyboard.PressAsync("F9");
            await page.GetByTestId("cash-received").FillAsync("100");
            await page.GetByTestId("cash-received").PressAsync("Enter");
            await Expect(page.GetByTestId("slow-save")).ToContainTextAsync("数据库响应慢，正在等待保存");
            await Expect(page.GetByTestId("cash-error")).ToContainTextAsync("数据库被占用", Eventually);
            await Expect(page.GetByTestId("cash-error")).ToHaveAttributeAsync("data-code", "STORAGE_BUSY");
            Assert.Contains("Degraded", await manager.GetStringAsync("/health"));
        }
        await page.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功", Eventually);
        await Expect(Till.Lines(page)).ToHaveCountAsync(0);
        Assert.Equal("Healthy", await manager.GetStringAsync("/health"));

        // A payment that is confirmed on the phone while the lock is held: the wait says so, and shows 支付成功 once it can save it.
        await page.Keyboard.PressAsync("Alt+S");
        await Expect(page).ToHaveURLAsync(new Regex("/mobile-payment$"));
        // The address changes before the new screen is drawn: a scan typed in between lands in the old screen's box.
        await Expect(page.GetByTestId("mobile-payment-screen")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("tab-pay")).ToBeVisibleAsync();
        var (phone, tradeNo) = await WaitingForThePhoneAsync(server, page);

        await using (await HoldWriteLockAsync(server))
        {
            await phone.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
            await Expect(page.GetByTestId("waiting-status")).ToContainTextAsync("正在确认支付结果，请勿重复收款", Eventually);
        }
        await Expect(page.GetByTestId("status")).ToContainTextAsync($"支付成功：交易号 {tradeNo}", Eventually);
        Assert.Single(await LedgerAsync(sandbox, tradeNo));
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_full_disk_is_named_on_screen_no_sale_is_recorded_and_selling_resumes_when_space_is_freed()
    {
        await using var disk = await SmallDisk.MountAsync();
        await using var server = await PosServer.StartInAsync(disk.Folder, new Dictionary<string, string>(), Quick);
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        using var manager = await server.SignInAsync(StaffRole.Manager);
        var page = await TillAsync(server, "/");
        await EnterDrugAsync(page, "YP00006");

        disk.Fill();
        await page.Keyboard.PressAsync("F9");
        await page.GetByTestId("cash-received").FillAsync("100");
        await page.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(page.GetByTestId("cash-error")).ToContainTextAsync("数据库不可写或磁盘已满，本笔现金收款未保存", Eventually);
        await Expect(page.GetByTestId("storage-banner")).ToContainTextAsync("磁盘已满");
        Assert.Contains("Degraded", await manager.GetStringAsync("/health"));
        // A mobile payment on a full disk is never sent: its order could not be written first.
        var api = await manager.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00006", quantity = 1 } },
            code = await CodeAsync(sandbox, "auto", "Alipay") });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("STORAGE_UNWRITABLE", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        disk.Free();
        await page.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("现金收款成功", Eventually);
        await Expect(page.GetByTestId("storage-banner")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_full_backup_disk_is_shown_to_the_manager_the_till_sells_on_and_the_next_backup_succeeds_once_space_is_freed()
    {
        await using var disk = await SmallDisk.MountAsync(16);
        disk.Fill();
        // The database on the machine's disk, the backups on the full one; the first backup at once.
        await using var server = await PosServer.StartAsync([.. Quick, "--Backup:Folder", disk.Folder, "--Backup:FirstAfterSeconds", "0"]);
        var till = await TillAsync(server, "/");
        await EnterDrugAsync(till, "YP00006");
        await till.Keyboard.PressAsync("F9");
        await till.GetByTestId("cash-received").FillAsync("100");
        await till.GetByTestId("cash-received").PressAsync("Enter");
        await Expect(till.GetByTestId("status")).ToContainTextAsync("现金收款成功", Eventually);
        await Expect(till.GetByTestId("backup-banner")).ToHaveCountAsync(0); // the cashier is not the one to act on it

        var context = await pos.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        var settings = await context.NewPageAsync();
        await TillSignIn.SignInAsync(settings, server.BaseUrl, StaffRole.Manager, "/settings");
        await Expect(settings.GetByTestId("backup-banner")).ToContainTextAsync("数据备份失败", Eventually);
        await Expect(settings.GetByTestId("backup-banner")).ToContainTextAsync("收银不受影响");

        disk.Free();
        await settings.GetByTestId("backup-now").ClickAsync();
        await Expect(settings.GetByTestId("backup-message")).ToContainTextAsync("已备份到", Eventually);
        await Expect(settings.GetByTestId("backup-last")).ToContainTextAsync(disk.Folder);
        await Expect(settings.GetByTestId("backup-banner")).ToHaveCountAsync(0);
        Assert.Single(Directory.GetFiles(disk.Folder, "pharmacypos-*.db"));
        await context.CloseAsync();
        await till.Context.CloseAsync();
    }

    [Fact]
    public async Task PostgreSQL_gone_for_a_while_keeps_the_cashier_signed_in_with_the_sale_and_the_payment_wait_ends_paid_when_it_returns()
    {
        var postgres = Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES")
            ?? throw new InvalidOperationException("This test needs PostgreSQL: ./test.sh and .ci/run start one (PHARMACYPOS_TEST_POSTGRES).");
        await using var database = await TestDatabase.CreateAsync(postgres);
        await using var gate = TcpGate.InFrontOf(database.Options.PostgreSql!);
        await using var server = await PosServer.StartAsync([.. Quick, "--MobilePayment:ConfirmWindowSeconds", "60", "--Database:PostgreSql", gate.Route(database.Options.PostgreSql!),
            "--Database:PersonalDataKey", TestDatabase.PersonalDataKey, "--Accounts:SessionRecheckSeconds", "1", "--Accounts:CircuitRecheckSeconds", "2"]);
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        using var manager = await server.SignInAsync(StaffRole.Manager);
        var page = await TillAsync(server, "/mobile-payment");
        var (phone, tradeNo) = await WaitingForThePhoneAsync(server, page);

        gate.Cut();
        await phone.GetByRole(AriaRole.Button, new() { Name = "确认支付" }).ClickAsync();
        await Expect(page.GetByTestId("waiting-status")).ToContainTextAsync("正在确认支付结果，请勿重复收款", Eventually);
        await Expect(page.GetByTestId("storage-banner")).ToContainTextAsync("数据库连接中断", Eventually);
        // Several sign-in rechecks fail to reach the database meanwhile; none of them signs the cashier out.
        await WaitForLogAsync(server, "kept within the outage grace", times: 2);
        Assert.DoesNotContain("/denied", page.Url);
        Assert.DoesNotContain("/signin", page.Url);
        await Expect(page.GetByTestId("scan-dialog")).ToBeVisibleAsync();
        // The API answers with a problem and its code, not a 500.
        var api = await manager.GetAsync($"/api/orders/{tradeNo}");
        Assert.True(api.StatusCode == HttpStatusCode.ServiceUnavailable, $"{api.StatusCode}: {await api.Content.ReadAsStringAsync()}\n{server.Log}");
        Assert.Equal("STORAGE_UNAVAILABLE", (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        using (var health = await manager.GetAsync("/health"))
            Assert.NotEqual("Healthy", await health.Content.ReadAsStringAsync());

        gate.Restore();
        await Expect(page.GetByTestId("status")).ToContainTextAsync($"支付成功：交易号 {tradeNo}", Eventually);
        await Expect(page.GetByTestId("storage-banner")).ToHaveCountAsync(0, new() { Timeout = 45_000 });
        Assert.Single(await LedgerAsync(sandbox, tradeNo));
        // Still the same cashier, still selling.
        await EnterDrugAsync(page, "YP00006");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("staff-on-duty")).ToContainTextAsync("收银员");

        // A drug entered while the database is gone says why, and the entry waits to be sent again.
        gate.Cut();
        await Till.ScanAsync(page, "YP00001");
        await Expect(page.GetByTestId("status")).ToContainTextAsync("数据库连接中断，未能查询药品“YP00001”", Eventually);
        await Expect(page.GetByTestId("status")).ToHaveAttributeAsync("data-code", "STORAGE_UNAVAILABLE");
        await Expect(Till.Lines(page)).ToHaveCountAsync(1);
        gate.Restore();
        await page.Keyboard.PressAsync("Enter");
        await Expect(Till.Lines(page)).ToHaveCountAsync(2, new() { Timeout = 45_000 });
        await phone.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>On the mobile screen: a drug, 扫码结算, and 王五's Alipay code from his phone; the dialog waits for him to confirm.</summary>
    private async Task<(IPage Phone, string TradeNo)> WaitingForThePhoneAsync(PosServer server, IPage page)
    {
        await EnterDrugAsync(page, "YP00006");
        await page.GetByRole(AriaRole.Button, new() { Name = "扫码结算" }).ClickAsync();
        var phone = await (await pos.Browser.NewContextAsync(new() { Locale = "zh-CN" })).NewPageAsync();
        await phone.GotoAsync($"{server.SandboxUrl}/phone/wang-wu");
        var code = await phone.GetByTestId("alipay-code").Locator(".code").GetAttributeAsync("data-code");
        await Expect(page.GetByTestId("scan-code")).ToBeFocusedAsync();
        await Till.ScanAsync(page, code!);
        await Expect(page.GetByTestId("waiting-status")).ToHaveTextAsync("等待顾客在手机上确认支付");
        return (phone, Till.TradeNoIn(await page.GetByTestId("waiting").TextContentAsync()));
    }

    private async Task<IPage> TillAsync(PosServer server, string path)
    {
        var context = await pos.Browser.NewContextAsync(new() { Locale = "zh-CN", ViewportSize = new() { Width = 1366, Height = 800 } });
        var page = await context.NewPageAsync();
        await TillSignIn.SignInAsync(page, server.BaseUrl, StaffRole.Cashier, path);
        await page.WaitForSelectorAsync("body[data-till-ready]");
        return page;
    }

    /// <summary>The drug's 编码 typed into the entry box and Enter, as a cashier without a scanner does.</summary>
    private static async Task EnterDrugAsync(IPage page, string code)
    {
        var before = await Till.Lines(page).CountAsync();
        await Expect(page.Locator("[data-entry]")).ToBeFocusedAsync();
        await Till.ScanAsync(page, code);
        await Expect(Till.Lines(page)).ToHaveCountAsync(before + 1);
    }

    private static async Task<string> CodeAsync(HttpClient sandbox, string customer, string wallet) =>
        (await sandbox.GetFromJsonAsync<JsonElement>($"/admin/codes/{customer}/{wallet}")).GetProperty("code").GetString()!;

    private static async Task<JsonElement[]> LedgerAsync(HttpClient sandbox, string tradeNo) =>
        (await sandbox.GetFromJsonAsync<JsonElement[]>("/admin/ledger"))!.Where(e => e.GetProperty("outTradeNo").GetString() == tradeNo).ToArray();

    /// <summary>Another program (a backup tool, a second POS) holding SQLite's write lock on the POS's file until disposed.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(PosServer server)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(server.DataFolder, "pos.db"), Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return connection; // disposing it rolls back and lets go
    }

    private static async Task WaitForLogAsync(PosServer server, string text, int times)
    {
        for (var i = 0; i < 600; i++)
        {
            if (Regex.Matches(server.Log, Regex.Escape(text)).Count >= times) return;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"The POS never logged \"{text}\" {times} times:\n{server.Log}");
    }
}
