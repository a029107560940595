using PharmacyPos.Domain.Staff;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PharmacyPos.EndToEnd.Tests;

/// <summary>The POS as a process that may be locked out, driven by its JSON checkout, and reopened after a lost till.</summary>
[Collection(PosCollection.Name)]
public class CrashAndApiTests(PosFixture pos)
{
    private static async Task<JsonElement> PayAsync(HttpClient http, string code, string drug = "YP00202")
    {
        var response = await http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = drug, quantity = 1 } }, code });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_terminal_pays_through_the_json_checkout_and_the_journal_tells_the_story_by_trade_no()
    {
        var paid = await PayAsync(pos.Http, await pos.CodeAsync("auto", "WeChat"));
        Assert.Equal("Paid", paid.GetProperty("status").GetString());
        var tradeNo = paid.GetProperty("tradeNo").GetString()!;

        var journal = await pos.Http.GetFromJsonAsync<JsonElement[]>($"/api/orders/{tradeNo}/journal");
        Assert.Equal(["order.written", "order.paid"], journal!.Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task Json_logs_are_one_object_per_line_with_the_terminal_and_the_trade_no_as_fields()
    {
        await using var server = await PosServer.StartAsync("--Logging:Json", "true");
        using var http = await server.SignInAsync();
        using var sandbox = new HttpClient { BaseAddress = new Uri(server.SandboxUrl!) };
        var code = (await sandbox.GetFromJsonAsync<JsonElement>("/admin/codes/auto/WeChat")).GetProperty("code").GetString()!;
        var tradeNo = (await PayAsync(http, code)).GetProperty("tradeNo").GetString()!;

        var lines = server.Log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        var entries = lines.Select(l => JsonDocument.Parse(l).RootElement).ToList(); // every line parses on its own
        Assert.All(entries, e => Assert.Equal("T0001-01", e.GetProperty("terminal").GetString()));
        var payment = entries.Where(e => e.TryGetProperty("tradeNo", out var t) && t.GetString() == tradeNo).ToList();
        Assert.Contains(payment, e => e.GetProperty("message").GetString()!.Contains("written"));
        Assert.DoesNotContain(server.Log, "info: "); // not the text console as well
    }

    [Fact]
    public async Task Metrics_are_scraped_from_the_till_itself_or_by_staff_as_configured_and_count_the_payments()
    {
        await using (var local = await PosServer.StartAsync("--Telemetry:Metrics", "true"))
        {
            using var http = await local.SignInAsync();
            using var sandbox = new HttpClient { BaseAddress = new Uri(local.SandboxUrl!) };
            var code = (await sandbox.GetFromJsonAsync<JsonElement>("/admin/codes/auto/WeChat")).GetProperty("code").GetString()!;
            await PayAsync(http, code);
            using var anonymous = new HttpClient { BaseAddress = new Uri(local.BaseUrl) };
            var text = await anonymous.GetStringAsync("/metrics"); // the test runs on the till: loopback
            Assert.Matches(@"pharmacypos_payments_total\{[^}]*method=""WeChatPay""[^}]*outcome=""paid""[^}]*\} 1", text);
            Assert.Contains("pharmacypos_channel_calls_total", text);
            Assert.Contains("pharmacypos_journal_writes_total", text);
        }
        await using var staffOnly = await PosServer.StartAsync("--Telemetry:Metrics", "true", "--Telemetry:MetricsAccess", "staff");
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(staffOnly.BaseUrl) })
            Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var manager = await staffOnly.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Bad_checkout_requests_get_typed_chinese_problems_and_nothing_is_charged()
    {
        var ledger = (await pos.Http.GetFromJsonAsync<JsonElement[]>($"{pos.Server.SandboxUrl}/admin/ledger"))!.Length;

        var garbled = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code = "12ab" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, garbled.StatusCode);
        Assert.Equal("CODE_INCOMPLETE", (await garbled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var unknown = await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "NO-SUCH", quantity = 1 } }, code = "281234567890123456" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("DRUG_NOT_FOUND", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());

        var malformed = await pos.Http.PostAsync("/api/orders/12x/poll", JsonContent.Create(new { }));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("交易号", (await malformed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());

        Assert.Equal(ledger, (await pos.Http.GetFromJsonAsync<JsonElement[]>($"{pos.Server.SandboxUrl}/admin/ledger"))!.Length);
    }

    [Fact]
    public async Task Every_page_and_answer_forbids_framing_sniffing_and_referrers()
    {
        foreach (var path in new[] { "/", "/mobile-payment", "/api/orders/12x", "/reconciliation/export?date=x" })
        {
            using var response = await pos.Http.GetAsync(path);
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
    }

    [Fact]
    public async Task A_database_held_by_another_program_stops_the_pos_with_a_reason_in_chinese()
    {
        var folder = PosServer.NewFolder();
        try
        {
            await using var other = new SqliteConnection($"Data Source={Path.Combine(folder, "pos.db")};Pooling=False");
            await other.OpenAsync();
            await using (var create = other.CreateCommand())
            {
                create.CommandText = "CREATE TABLE held(x); BEGIN EXCLUSIVE; INSERT INTO held VALUES (1);";
                await create.ExecuteNonQueryAsync();
            }

            var (exitCode, log) = await PosServer.RunUntilExitAsync(folder, TimeSpan.FromSeconds(60), "--Database:BusyTimeoutSeconds", "1");

            Assert.Equal(3, exitCode);
            Assert.Contains("数据库文件被其他程序占用", log);
            Assert.DoesNotContain("   at ", log); // no stack trace at the counter
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The embedded sandbox is up a second before the till on a first install. It used to take the
    /// process's SIGTERM for itself, and a till told to stop then (a shutdown, a service restart)
    /// stopped only its sandbox and ran on without it. A stop a moment later, while the host itself
    /// starts, ended in an unhandled cancellation (exit 134, a stack trace) until Program.cs took it as the stop it is.
    /// </summary>
    [Fact]
    public async Task A_stop_asked_for_while_the_till_is_still_starting_ends_the_process()
    {
        var folder = PosServer.NewFolder();
        try
        {
            // A hang is the failure: the cap is far beyond any start, not a speed limit.
            var (exitCode, log) = await PosServer.TerminateWhileStartingAsync(folder, TimeSpan.FromSeconds(90));

            // 143: ended by the signal before the host listened for it; 0: the host stopped, or gave up its start (Program.cs).
            Assert.True(exitCode is 0 or 143, $"exit code {exitCode}:\n{log}");
            Assert.DoesNotContain("Unhandled exception", log);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_till_that_went_away_mid_payment_is_told_on_reopening_that_the_last_payment_was_cancelled_or_succeeded()
    {
        // Its own POS: recovery acts at once past a 2 s window, and no other test's orders are on this terminal.
        await using var server = await PosServer.StartAsync("--MobilePayment:ConfirmWindowSeconds", "2",
            "--Recovery:GraceSeconds", "0", "--Recovery:IntervalSeconds", "0.5");
        using var http = await server.SignInAsync(StaffRole.Cashier);
        async Task<string> Code() => (await http.GetFromJsonAsync<JsonElement>($"{server.SandboxUrl}/admin/codes/wang-wu/Alipay")).GetProperty("code").GetString()!;

        // Nobody confirms and nobody polls: recovery cancels it.
        var abandoned = (await PayAsync(http, await Code())).GetProperty("tradeNo").GetString()!;
        var page = await pos.Browser.NewPageAsync(new() { Locale = "zh-CN" });
        await TillSignIn.SignInAsync(page, server.BaseUrl, StaffRole.Cashier);
        var banner = page.GetByTestId("last-payment");
        await Expect(banner).ToContainTextAsync("上一笔支付已撤销", new() { Timeout = 45_000 });
        await Expect(banner).ToContainTextAsync(abandoned);
        await banner.GetByRole(AriaRole.Button, new() { Name = "知道了" }).ClickAsync();
        await Expect(banner).ToHaveCountAsync(0);

        // The buyer confirmed on the phone after the till was gone: recovery records it paid.
        var confirmed = (await PayAsync(http, await Code())).GetProperty("tradeNo").GetString()!;
        (await http.PostAsync($"{server.SandboxUrl}/phone/wang-wu/confirm?channel=Alipay&outTradeNo={confirmed}", null)).EnsureSuccessStatusCode();
        await page.ReloadAsync();
        await Expect(banner).ToContainTextAsync("上一笔支付已成功", new() { Timeout = 45_000 });
        await Expect(banner).ToContainTextAsync(confirmed);
        await Expect(banner).ToContainTextAsync("请勿重复收款");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "last-payment-banner.png") });
        await page.CloseAsync();
    }
}

[Collection(PosCollection.Name)]
public class ReconciliationPageTests(PosFixture pos)
{
    [Fact]
    public async Task The_owner_reconciles_today_on_the_page_and_exports_the_differences()
    {
        var code = await pos.CodeAsync("auto", "Alipay");
        (await pos.Http.PostAsJsonAsync("/api/sales/mobile", new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code })).EnsureSuccessStatusCode();
        var today = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await pos.OpenTillAsync("/reconciliation", "[data-testid=rec-summary]", StaffRole.Manager);
        // (The page opens on yesterday, which the daily job may already have reconciled.)
        await page.GetByTestId("rec-day").FillAsync("2001-01-01");
        await Expect(page.GetByTestId("rec-summary")).ToContainTextAsync("尚未对账");
        // Nothing to export yet: the button is off and says why, rather than opening an error document.
        await Expect(page.GetByTestId("rec-export")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("rec-export")).ToHaveAttributeAsync("title", "当日尚未对账，对账后才能导出差异");
        await page.GetByTestId("rec-day").FillAsync(today);
        await page.GetByRole(AriaRole.Button, new() { Name = "开始对账" }).ClickAsync();

        await Expect(page.GetByTestId("rec-summary")).ToContainTextAsync("核对", new() { Timeout = 45_000 });
        await Expect(page.GetByTestId("rec-differences")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("rec-export")).ToHaveAttributeAsync("href", $"/reconciliation/export?date={today}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(PosFixture.ArtifactsFolder, "reconciliation.png") });

        var export = await pos.Http.GetAsync($"/reconciliation/export?date={today}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.StartsWith("差异类型,渠道,交易号", (await export.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        var xlsx = await pos.Http.GetByteArrayAsync($"/reconciliation/export?date={today}&format=xlsx");
        var rows = MiniExcelLibs.MiniExcel.Query(new MemoryStream(xlsx), useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        // Every 交易号 in the workbook is text, all 24 digits of it.
        Assert.All(rows.Where(r => r["交易号"] is not null), r => Assert.Matches("^[0-9]{24}$", Assert.IsType<string>(r["交易号"])));
        var badFormat = await pos.Http.GetAsync($"/reconciliation/export?date={today}&format=pdf");
        Assert.Equal("FORMAT_INVALID", (await badFormat.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var notRun = await pos.Http.GetAsync("/reconciliation/export?date=2001-01-01");
        Assert.Equal("NOT_RECONCILED", (await notRun.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
    }
}
