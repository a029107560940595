using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;
using PharmacyPos.TestSupport;

namespace PharmacyPos.CrashProof;

public sealed record HarnessOptions(int Kills, int Workers = 4, int Seed = 1, bool Faults = true, string? Folder = null);

public sealed record CrashReport(int Kills, int PaymentsStarted, int RefundsStarted, int FaultsInjected, int Confirmations,
    int LateConfirmations, int DuplicateConfirmations, IReadOnlyDictionary<string, int> KillPoints, BooksCheck Books, StockCheck Stock,
    ShiftCheck Shifts, TimeSpan Elapsed, string Folder);

/// <summary>
/// Runs payments and refunds from several terminals through the real POS process (its JSON
/// checkout), with random faults in the sandbox and buyers who confirm on time, late, twice or
/// never; SIGKILLs the POS at a random moment, restarts it on the same database, and again. At
/// the end recovery gets one calm run, and the POS's books are checked against the sandbox ledger.
/// </summary>
public sealed class CrashHarness(HarnessOptions options, TextWriter console)
{
    private const int ConfirmWindowSeconds = 3;
    /// <summary>YP00019 is sold by the box or 拆零 by the capsule: its stock is kept in capsules, which the books check too.</summary>
    private static readonly string[] Drugs = ["YP00202", "YP00001", "YP00004", "YP00232", SplitDrug];
    private const string SplitDrug = "YP00019";
    private static readonly (string Channel, string[] Operations)[] FaultTargets =
    [
        ("alipay", ["pay", "query", "cancel", "refund", "refundquery"]),
        ("wechat", ["pay", "query", "cancel", "refund", "refundquery"]),
        ("insurance", ["1101", "2102", "2601", "5203", "2103"]),
    ];
    private static readonly FaultKind[] FaultKinds = [FaultKind.LostResponse, FaultKind.ServerError, FaultKind.Timeout, FaultKind.BadSignature, FaultKind.Garbage, FaultKind.Latency];

    private readonly Random _random = new(options.Seed);
    private readonly ConcurrentDictionary<string, int> _killPoints = new();
    private TaskCompletionSource _firstAnswer = new();
    private readonly string?[] _doing = new string?[options.Workers];
    private int _payments, _refunds, _faults, _confirmations, _late, _duplicates;

    public async Task<CrashReport> RunAsync(CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var folder = options.Folder ?? PosServer.NewFolder();
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        await using var sandbox = await ExternalSandbox.StartAsync(ct);
        var state = sandbox.State;
        var faults = sandbox.Faults;
        for (var w = 0; w < options.Workers; w++) state.Upsert(Customer(w));
        var environment = Environment(sandbox.Settings(Path.Combine(folder, "sandbox-certificates")));

        using var phonesStop = new CancellationTokenSource();
        var phones = PhonesAsync(state, phonesStop.Token);
        for (var kill = 1; kill <= options.Kills; kill++)
        {
            ct.ThrowIfCancellationRequested();
            faults.Clear();
            if (options.Faults) AddFaults(faults);
            await RoundAsync(kill, folder, environment, state, ct);
            if (kill % 25 == 0) console.WriteLine($"  {kill}/{options.Kills} kills, {_payments} payments, {_refunds} refunds, {clock.Elapsed:mm\\:ss}");
        }

        // The calm after: no more faults or confirmations; recovery must bring everything to an end by itself.
        await phonesStop.CancelAsync();
        await phones;
        faults.Clear();
        await using (var last = await PosServer.StartInAsync(folder, environment, Arguments))
        {
            await WaitUntilSettledAsync(folder, TimeSpan.FromSeconds(120), ct);
            await File.WriteAllTextAsync(Path.Combine(folder, "logs", "final.log"), last.Log, ct);
        }

        var (orders, refunds, lines, movements, batches) = await ReadBooksAsync(folder, ct);
        var books = Books.Check(orders, refunds, state.Ledger());
        var shifts = await ReadShiftsAsync(folder, ct);
        return new CrashReport(options.Kills, _payments, _refunds, _faults, _confirmations, _late, _duplicates,
            new SortedDictionary<string, int>(_killPoints), books, StockBooks.Check(orders, lines, movements, batches),
            ShiftBooks.Check(shifts.Orders, shifts.Refunds, shifts.Shifts), clock.Elapsed, folder);
    }

    private static readonly string[] Arguments =
    [
        "--Sandbox:Enabled", "false", "--Reconciliation:Enabled", "false",
        // Thousands of payments from a demo shelf: stock may go below zero (the shortfall is booked), the ledger is still checked.
        "--Store:RefuseOutOfStock", "false",
        "--MobilePayment:ConfirmWindowSeconds", ConfirmWindowSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--MobilePayment:PollIntervalSeconds", "1", "--Recovery:IntervalSeconds", "0.5", "--Recovery:GraceSeconds", "1",
        "--Logging:LogLevel:Microsoft.AspNetCore", "Warning", "--Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning",
    ];

    private async Task RoundAsync(int round, string folder, IReadOnlyDictionary<string, string> environment, SandboxState state, CancellationToken ct)
    {
        var server = await PosServer.StartInAsync(folder, environment, Arguments);
        try
        {
            // A manager at every terminal: refunds never wait for an approval the harness cannot give.
            using var http = await server.SignInAsync(timeout: TimeSpan.FromSeconds(15));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var seeds = Enumerable.Range(0, options.Workers).Select(_ => _random.Next()).ToArray();
            _firstAnswer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var workers = Enumerable.Range(0, options.Workers).Select(w => TerminalAsync(w, new Random(seeds[w]), http, state, stop.Token)).ToList();

            // The kill's moment counts from the round's first answered payment, not from the start: on a loaded
            // machine a cold POS can take seconds to answer, and a kill before any answer writes no order at all.
            await Task.WhenAny(_firstAnswer.Task, Task.Delay(TimeSpan.FromSeconds(30), ct));
            await Task.Delay(_random.Next(100, 2500), ct);
            var point = string.Join('+', _doing.Where(d => d is not null).Distinct().Order());
            _killPoints.AddOrUpdate(point.Length == 0 ? "idle" : point, 1, (_, n) => n + 1);
            await server.KillAsync();

            await stop.CancelAsync();
            await Task.WhenAll(workers);
            Array.Clear(_doing);
        }
        finally
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "logs", $"round-{round:D4}.log"), server.Log, ct);
            await server.DisposeAsync();
        }
    }

    /// <summary>One terminal: sale → scan → wait (or give up) → sometimes 退单, until its POS dies under it.</summary>
    private async Task TerminalAsync(int w, Random random, HttpClient http, SandboxState state, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wallet = random.Next(2) == 0 ? Wallet.Alipay : Wallet.WeChat;
                var code = state.CurrentCode(CustomerId(w), wallet)!;
                var drug = Drugs[random.Next(Drugs.Length)];
                var items = new[] { new { entry = drug, quantity = random.Next(1, 4), split = drug == SplitDrug && random.Next(2) == 0 } };
                _doing[w] = "pay";
                Interlocked.Increment(ref _payments);
                using var paid = await http.PostAsJsonAsync("/api/sales/mobile", new { items, code }, ct);
                _firstAnswer.TrySetResult();
                if (!paid.IsSuccessStatusCode) { _doing[w] = null; continue; }
                var attempt = await paid.Content.ReadFromJsonAsync<JsonElement>(ct);
                var tradeNo = attempt.GetProperty("tradeNo").GetString()!;
                var status = attempt.GetProperty("status").GetString();
                while (status == nameof(OrderStatus.Pending))
                {
                    _doing[w] = null;
                    await Task.Delay(300, ct);
                    var giveUp = random.Next(20) == 0;
                    _doing[w] = giveUp ? "abandon" : "poll";
                    using var polled = await http.PostAsync($"/api/orders/{tradeNo}/{(giveUp ? "abandon" : "poll")}", System.Net.Http.Json.JsonContent.Create(new { }), ct);
                    status = (await polled.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString();
                }
                if (status == nameof(OrderStatus.Paid) && random.Next(2) == 0)
                {
                    _doing[w] = "refund";
                    Interlocked.Increment(ref _refunds);
                    using var _ = await http.PostAsync($"/api/orders/{tradeNo}/refund", System.Net.Http.Json.JsonContent.Create(new { }), ct);
                }
                _doing[w] = null;
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or JsonException or IOException)
        {
            // The POS was killed under this request: exactly the point of the exercise.
        }
    }

    /// <summary>The buyers' phones: most confirm within the window, some after it, some twice, some never.</summary>
    private async Task PhonesAsync(SandboxState state, CancellationToken ct)
    {
        var random = new Random(options.Seed + 7);
        var due = new Dictionary<(Channel, string), (DateTimeOffset At, bool Twice, bool Late)?>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(100, ct);
                var now = DateTimeOffset.UtcNow;
                for (var w = 0; w < options.Workers; w++)
                {
                    foreach (var trade in state.Pending(CustomerId(w)))
                    {
                        var key = (trade.Channel, trade.OutTradeNo);
                        if (!due.TryGetValue(key, out var plan))
                        {
                            var roll = random.Next(100);
                            plan = roll < 15 ? null
                                : roll < 30 ? (now.AddSeconds(ConfirmWindowSeconds + random.NextDouble() * 3), random.Next(4) == 0, true)
                                : (now.AddSeconds(random.NextDouble() * 2), random.Next(4) == 0, false);
                            due[key] = plan;
                        }
                        if (plan is not { } p || p.At > now) continue;
                        if (state.Confirm(trade.Channel, trade.OutTradeNo)) Interlocked.Increment(ref _confirmations);
                        if (p.Late) Interlocked.Increment(ref _late);
                        if (p.Twice)
                        {
                            state.Confirm(trade.Channel, trade.OutTradeNo); // a second tap changes nothing
                            Interlocked.Increment(ref _duplicates);
                        }
                        due[key] = null;
                    }
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private void AddFaults(FaultBook faults)
    {
        for (var i = _random.Next(1, 4); i > 0; i--)
        {
            var (channel, operations) = FaultTargets[_random.Next(FaultTargets.Length)];
            var kind = FaultKinds[_random.Next(FaultKinds.Length)];
            var times = _random.Next(1, 4);
            faults.Add(new FaultRule(channel, operations[_random.Next(operations.Length)], kind,
                DelayMs: kind == FaultKind.Timeout ? 2500 : kind == FaultKind.Latency ? _random.Next(100, 1200) : 0, Times: times));
            _faults += times;
        }
    }

    private static async Task WaitUntilSettledAsync(string folder, TimeSpan limit, CancellationToken ct)
    {
        var until = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < until)
        {
            await using var db = Open(folder);
            var open = await db.Orders.CountAsync(o => o.Status == OrderStatus.Pending || o.Status == OrderStatus.Refunding, ct)
                       + await db.Refunds.CountAsync(r => r.Status == RefundStatus.Requested, ct);
            if (open == 0) return;
            await Task.Delay(500, ct);
        }
    }

    private static async Task<(List<PosOrder>, List<PosRefund>, List<SoldLine>, List<TradeMovement>, List<BatchFigure>)> ReadBooksAsync(
        string folder, CancellationToken ct)
    {
        await using var db = Open(folder);
        var sums = (await db.StockMovements.AsNoTracking().Select(m => new { m.BatchId, m.Quantity }).ToListAsync(ct))
            .GroupBy(m => m.BatchId).ToDictionary(g => g.Key, g => g.Sum(m => m.Quantity));
        var shown = await new PharmacyPos.Data.Stock.StockQuery(db, TimeProvider.System).ListAsync(1, null, PharmacyPos.Data.Stock.StockQuery.Filter.All, 90, ct);
        var orders = await db.Orders.AsNoTracking().ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Select(r => new { r.TradeNo, r.Status }).ToListAsync(ct);
        var movements = await db.StockMovements.AsNoTracking().Where(m => m.TradeNo != null).ToListAsync(ct);
        return ([.. orders.Select(o => new PosOrder(o.TradeNo.Value, o.Status, o.Total.Fen, o.Method))],
                [.. refunds.Select(r => new PosRefund(r.TradeNo.Value, r.Status))],
                [.. orders.SelectMany(o => o.Lines.Where(l => l.BatchId is not null).Select(l => new SoldLine(o.TradeNo.Value, l.BatchId!.Value, l.StockUnits)))],
                [.. movements.Select(m => new TradeMovement(m.TradeNo!, m.BatchId, m.Kind, m.Quantity))],
                [.. shown.Select(b => new BatchFigure(b.Batch.Id, b.OnHand, sums.GetValueOrDefault(b.Batch.Id)))]);
    }

    private static async Task<(List<ShiftOrder> Orders, List<ShiftRefundRow> Refunds, List<ShiftRow> Shifts)> ReadShiftsAsync(string folder, CancellationToken ct)
    {
        await using var db = Open(folder);
        var orders = await db.Orders.AsNoTracking().IgnoreAutoIncludes()
            .Select(o => new { o.TradeNo, o.Status, o.Method, o.Total, o.ShiftId, o.Cashier, o.TerminalId }).ToListAsync(ct);
        var refunds = await db.Refunds.AsNoTracking().Select(r => new { r.TradeNo, r.Status, r.Method, r.Amount, r.ShiftId }).ToListAsync(ct);
        var shifts = await db.Shifts.AsNoTracking().Select(s => new ShiftRow(s.Id, s.Cashier, s.TerminalId, s.Status)).ToListAsync(ct);
        return ([.. orders.Select(o => new ShiftOrder(o.TradeNo.Value, o.Status, o.Method, o.Total.Fen, o.ShiftId, o.Cashier, o.TerminalId))],
                [.. refunds.Select(r => new ShiftRefundRow(r.TradeNo.Value, r.Status == RefundStatus.Refunded, r.Method, r.Amount.Fen, r.ShiftId))],
                shifts);
    }

    private static PosDbContext Open(string folder) => DatabaseSetup.OpenContext(new DatabaseOptions { Path = Path.Combine(folder, "pos.db") });

    private static string CustomerId(int w) => $"crash-{w + 1}";

    private static Customer Customer(int w) => new()
    {
        Id = CustomerId(w),
        Name = $"压测顾客{w + 1}",
        AlipayBalance = Money.FromYuan(1_000_000m),
        WeChatBalance = Money.FromYuan(1_000_000m),
        // Half the buyers have a bound card: their mapped drugs settle from the insurance account.
        Card = w % 2 == 0 ? new BoundCard
        {
            PsnNo = $"3301009900{w:D5}", Name = $"参保人{w + 1}", CertNo = "11010519491231002X", SocialSecurityNo = $"CRASH{w:D4}",
            Balance = Money.FromYuan(1_000_000m),
        } : null,
    };

    private static Dictionary<string, string> Environment(Dictionary<string, string?> settings)
    {
        // Short patience, so the Timeout fault (2.5 s) really is a timeout.
        foreach (var channel in new[] { "Alipay", "WeChatPay", "Insurance" }) settings[$"Channels:{channel}:Timeout"] = "00:00:01.5";
        return ExternalSandbox.Environment(settings);
    }
}
