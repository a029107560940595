using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using PharmacyPos.TestSupport;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;

namespace PharmacyPos.CrashProof;

public sealed record FailoverOptions(int Workers = 2, double SecondsBefore = 8, double SecondsAfter = 8, double PromoteAfterSeconds = 1, bool Synchronous = true);

/// <param name="Outage">From the primary's SIGKILL to the first payment the POS took on the promoted replica.</param>
public sealed record FailoverReport(int PaymentsStarted, int PaidBefore, int PaidAfter, int Refunds, TimeSpan Outage, BooksCheck Books, TimeSpan Elapsed);

/// <summary>
/// Issue #20's failover: terminals pay and refund through the POS on a primary with a synchronous
/// streaming replica; the primary is SIGKILLed mid-load, the replica promoted; the POS, on a
/// multi-host connection string, reconnects by itself and carries on. Afterwards the books are
/// checked against the sandbox's ledger: nothing lost, nothing charged twice, nothing stuck.
/// </summary>
public sealed class FailoverHarness(FailoverOptions options, TextWriter console)
{
    private static readonly string[] Drugs = ["YP00202", "YP00001", "YP00004"];
    private int _payments, _refunds, _paidBefore, _paidAfter;
    private long _killedAt, _firstAfter;

    public async Task<FailoverReport> RunAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        await using var pg = await PostgresPair.StartAsync(options.Synchronous);
        console.WriteLine($"  primary :{pg.PrimaryPort}, replica :{pg.ReplicaPort} ({(options.Synchronous ? "synchronous" : "asynchronous")} replication)");
        await using var sandbox = await ExternalSandbox.StartAsync(ct);
        var state = sandbox.State;
        for (var w = 0; w < options.Workers; w++)
            state.Upsert(new Customer { Id = $"failover-{w}", Name = $"顾客{w}", AlipayBalance = Money.FromYuan(1_000_000m), WeChatBalance = Money.FromYuan(1_000_000m), AutoConfirm = true });

        var folder = PosServer.NewFolder();
        var key = PharmacyPos.Data.PersonalData.PersonalDataKeys.NewKey();
        var settings = sandbox.Settings(Path.Combine(folder, "certificates"));
        settings["Database:PostgreSql"] = pg.ConnectionString;
        settings["Database:PersonalDataKey"] = key;
        var environment = ExternalSandbox.Environment(settings);
        string[] arguments =
        [
            "--Sandbox:Enabled", "false", "--Reconciliation:Enabled", "false", "--Backup:Enabled", "false", "--Store:RefuseOutOfStock", "false",
            "--Recovery:IntervalSeconds", "1", "--Recovery:GraceSeconds", "1", "--MobilePayment:ConfirmWindowSeconds", "5",
            "--Logging:LogLevel:Default", "Warning",
        ];
        await using (var pos = await PosServer.StartInAsync(folder, environment, arguments))
        {
            using var http = await pos.SignInAsync(timeout: TimeSpan.FromSeconds(30));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var workers = Enumerable.Range(0, options.Workers).Select(w => TerminalAsync(w, http, state, stop.Token)).ToList();

            await Task.Delay(TimeSpan.FromSeconds(options.SecondsBefore), ct);
            await pg.KillPrimaryAsync();
            Interlocked.Exchange(ref _killedAt, Stopwatch.GetTimestamp());
            console.WriteLine($"  primary killed after {_paidBefore} payments");
            await Task.Delay(TimeSpan.FromSeconds(options.PromoteAfterSeconds), ct);
            await pg.PromoteReplicaAsync();
            console.WriteLine("  replica promoted");
            await Task.Delay(TimeSpan.FromSeconds(options.SecondsAfter), ct);

            await stop.CancelAsync();
            await Task.WhenAll(workers);
            await WaitUntilSettledAsync(pg.ConnectionString, key, TimeSpan.FromSeconds(60), ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "pos.log"), pos.Log, ct);
        }

        var (orders, refunds) = await ReadAsync(pg.ConnectionString, key, ct);
        var books = Books.Check(orders, refunds, state.Ledger());
        var outage = _firstAfter == 0 ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(_killedAt, _firstAfter);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        return new FailoverReport(_payments, _paidBefore, _paidAfter, _refunds, outage, books, clock.Elapsed);
    }

    private async Task TerminalAsync(int w, HttpClient http, SandboxState state, CancellationToken ct)
    {
        var random = new Random(w + 1);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var items = new[] { new { entry = Drugs[random.Next(Drugs.Length)], quantity = 1 } };
                Interlocked.Increment(ref _payments);
                using var paid = await http.PostAsJsonAsync("/api/sales/mobile", new { items, code = state.CurrentCode($"failover-{w}", Wallet.Alipay) }, ct);
                if (!paid.IsSuccessStatusCode) { await Task.Delay(200, ct); continue; }
                var attempt = await paid.Content.ReadFromJsonAsync<JsonElement>(ct);
                var tradeNo = attempt.GetProperty("tradeNo").GetString()!;
                var status = attempt.GetProperty("status").GetString();
                for (var i = 0; status == nameof(OrderStatus.Pending) && i < 50; i++)
                {
                    await Task.Delay(200, ct);
                    using var polled = await http.PostAsJsonAsync($"/api/orders/{tradeNo}/poll", new { }, ct);
                    if (polled.IsSuccessStatusCode) status = (await polled.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString();
                }
                if (status != nameof(OrderStatus.Paid)) continue;
                if (Interlocked.Read(ref _killedAt) == 0) Interlocked.Increment(ref _paidBefore);
                else
                {
                    Interlocked.Increment(ref _paidAfter);
                    Interlocked.CompareExchange(ref _firstAfter, Stopwatch.GetTimestamp(), 0);
                }
                if (random.Next(3) == 0)
                {
                    Interlocked.Increment(ref _refunds);
                    using var _ = await http.PostAsJsonAsync($"/api/orders/{tradeNo}/refund", new { }, ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception e) when (e is HttpRequestException or JsonException or TaskCanceledException or IOException)
            {
                // The POS answered badly or not at all while its database moved: the terminal tries the next sale.
            }
        }
    }

    private static PosDbContext Open(string connection, string key) =>
        DatabaseSetup.OpenContext(new DatabaseOptions { PostgreSql = connection, PersonalDataKey = key });

    private static async Task WaitUntilSettledAsync(string connection, string key, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            await using var db = Open(connection, key);
            if (await db.Orders.CountAsync(o => o.Status == OrderStatus.Pending || o.Status == OrderStatus.Refunding, ct)
                + await db.Refunds.CountAsync(r => r.Status == RefundStatus.Requested, ct) == 0) return;
            await Task.Delay(500, ct);
        }
    }

    private static async Task<(List<PosOrder>, List<PosRefund>)> ReadAsync(string connection, string key, CancellationToken ct)
    {
        await using var db = Open(connection, key);
        var orders = await db.Orders.AsNoTracking().IgnoreAutoIncludes().Select(o => new { o.TradeNo, o.Status, o.Total, o.Method }).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Select(r => new { r.TradeNo, r.Status }).ToListAsync(ct);
        return ([.. orders.Select(o => new PosOrder(o.TradeNo.Value, o.Status, o.Total.Fen, o.Method))], [.. refunds.Select(r => new PosRefund(r.TradeNo.Value, r.Status))]);
    }
}
