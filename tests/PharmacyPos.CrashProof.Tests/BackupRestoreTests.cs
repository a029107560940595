using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using PharmacyPos.TestSupport;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>
/// A till's disk is lost after a backup: the POS process is stopped, the backup restored over its
/// database, and the POS started again. What it does not know — payments made after the backup —
/// the channels still know, and reconciliation lists them as 渠道已扣款收银系统未记为已付, to be 补记
/// (re-attached) from the channel's own record and then refunded or kept like any other order.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private static readonly string[] Arguments =
        ["--Sandbox:Enabled", "false", "--Reconciliation:Enabled", "false", "--Backup:Enabled", "false", "--Logging:LogLevel:Default", "Warning"];
    private readonly string _folder = PosServer.NewFolder();
    private ExternalSandbox _sandbox = default!;
    private SandboxState _state = default!;
    private Dictionary<string, string> _environment = default!;

    public async Task InitializeAsync()
    {
        _sandbox = await ExternalSandbox.StartAsync();
        _state = _sandbox.State;
        _state.Upsert(new Customer { Id = "buyer", Name = "买药人", AlipayBalance = Money.FromYuan(10_000m), WeChatBalance = Money.FromYuan(10_000m), AutoConfirm = true });
        _environment = ExternalSandbox.Environment(_sandbox.Settings(Path.Combine(_folder, "sandbox-certificates")));
    }

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<string> PayAsync(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("/api/sales/mobile",
            new { items = new[] { new { entry = "YP00202", quantity = 1 } }, code = _state.CurrentCode("buyer", Wallet.Alipay) });
        var attempt = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Paid", attempt.GetProperty("status").GetString());
        return attempt.GetProperty("tradeNo").GetString()!;
    }

    private Task<(int ExitCode, string Log)> RunAsync(params string[] command) => PosServer.RunUntilExitAsync(_folder, TimeSpan.FromSeconds(120), command);

    [Fact]
    public async Task A_restored_till_starts_and_reconciliation_finds_what_was_charged_after_the_backup()
    {
        var backup = Path.Combine(_folder, "before-the-disk-died.db");
        string refunded, kept, afterBackup;
        await using (var pos = await PosServer.StartInAsync(_folder, _environment, Arguments))
        {
            using var http = await pos.SignInAsync();
            refunded = await PayAsync(http);
            Assert.True((await http.PostAsJsonAsync($"/api/orders/{refunded}/refund", new { })).IsSuccessStatusCode);
            kept = await PayAsync(http);

            // Online, while the POS runs.
            var (backedUp, backupLog) = await RunAsync("backup", backup);
            Assert.True(backedUp == 0, backupLog);
            Assert.Contains("个人信息密钥不在备份内", backupLog);
            afterBackup = await PayAsync(http);

            var (refused, refusedLog) = await RunAsync("restore", backup);
            Assert.Equal(3, refused);
            Assert.Contains("收银系统正在使用该数据库", refusedLog);
        }

        var notSqlite = Path.Combine(_folder, "notes.db");
        await File.WriteAllTextAsync(notSqlite, "这不是数据库");
        var (wrongKind, wrongKindLog) = await RunAsync("restore", notSqlite);
        Assert.Equal((4, true), (wrongKind, wrongKindLog.Contains("不是 SQLite 数据库文件")));
        var damaged = Path.Combine(_folder, "damaged.db");
        var bytes = await File.ReadAllBytesAsync(backup);
        for (var i = 4096; i < bytes.Length; i += 7) bytes[i] ^= 0x5A; // every page after the first scrambled
        await File.WriteAllBytesAsync(damaged, bytes);
        var (broken, brokenLog) = await RunAsync("restore", damaged);
        Assert.Equal(4, broken);
        Assert.Contains("不能用此文件恢复", brokenLog);

        var (restored, restoreLog) = await RunAsync("restore", backup);
        Assert.True(restored == 0, restoreLog);

        await using (var pos = await PosServer.StartInAsync(_folder, _environment, Arguments))
        {
            using var http = await pos.SignInAsync();
            Assert.Equal("已退款", (await http.GetFromJsonAsync<JsonElement>($"/api/orders/{refunded}")).GetProperty("status").GetString());
            Assert.Equal("已支付", (await http.GetFromJsonAsync<JsonElement>($"/api/orders/{kept}")).GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/orders/{afterBackup}")).StatusCode);

            var today = BeijingTime.Today(TimeProvider.System).ToString("yyyy-MM-dd");
            var reconciled = await (await http.PostAsJsonAsync($"/api/reconciliation/{today}", new { })).Content.ReadFromJsonAsync<JsonElement>();
            var difference = Assert.Single(reconciled.GetProperty("differences").EnumerateArray());
            Assert.Equal((afterBackup, "渠道已扣款，收银系统未记为已付"), (difference.GetProperty("tradeNo").GetString(), difference.GetProperty("text").GetString()));
            // 补记: the channel confirms it, the order is entered from its record, and it can be refunded like any other.
            var reattached = await http.PostAsJsonAsync("/api/reconciliation/reattach", new { tradeNo = afterBackup, method = "Alipay" });
            Assert.Equal(HttpStatusCode.OK, reattached.StatusCode);
            Assert.Equal("已支付", (await reattached.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            var twice = await http.PostAsJsonAsync("/api/reconciliation/reattach", new { tradeNo = afterBackup, method = "Alipay" });
            Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
            var neverCharged = afterBackup[..20] + (afterBackup[20] == '9' ? "0" : "9") + afterBackup[21..];
            var notPaid = await http.PostAsJsonAsync("/api/reconciliation/reattach", new { tradeNo = neverCharged, method = "Alipay" });
            Assert.Contains("REATTACH_NOT_PAID", await notPaid.Content.ReadAsStringAsync());
            Assert.True((await http.PostAsJsonAsync($"/api/orders/{afterBackup}/refund", new { })).IsSuccessStatusCode);
            var again = await (await http.PostAsJsonAsync($"/api/reconciliation/{today}", new { })).Content.ReadFromJsonAsync<JsonElement>();
            Assert.Empty(again.GetProperty("differences").EnumerateArray());

            // The restored till sells on.
            await PayAsync(http);
        }
    }
}
