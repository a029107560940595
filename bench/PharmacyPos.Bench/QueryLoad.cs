using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Orders;

using PharmacyPos.TestSupport;

namespace PharmacyPos.Bench;

/// <summary>§2 and §3: the 退单 query over a million orders and the catalogue lookup over 100 000 drugs, through the POS's own query code.</summary>
public sealed class QueryLoad(TextWriter console)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public async Task<List<Result>> RefundQueriesAsync(string? postgres, int orders, int samples)
    {
        await using var database = await TestDatabase.CreateAsync(postgres);
        var clock = Stopwatch.StartNew();
        await using (var db = database.NewContext()) await FillOrdersAsync(db, orders);
        console.WriteLine($"  {database.Provider}: {orders:N0} orders written in {clock.Elapsed.TotalSeconds:0.0} s");
        var floor = await FloorAsync(database, samples);

        var random = new Random(9);
        var results = new List<Result>();
        async Task Measure(string name, Func<RefundQuery> next)
        {
            var times = new List<double>();
            for (var i = 0; i < samples + 20; i++)
            {
                await using var db = database.NewContext();
                var search = new RefundSearch(db, Options.Create(new TerminalOptions()), new NoCardsPlatform());
                var q = next();
                var t = Stopwatch.StartNew();
                var page = await search.SearchAsync(q);
                if (i >= 20) times.Add(t.Elapsed.TotalMilliseconds); // the first 20 warm up
                if (!page.IsSuccess) throw new InvalidOperationException(page.Error.Message);
            }
            var (p50, _, p99) = Stats.Of(times);
            console.WriteLine($"  {database.Provider} {name}: p50 {p50:0.00} ms, p99 {p99:0.00} ms");
            results.Add(new Result("2. Refund query over " + orders.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " orders",
                $"{database.Provider}, {name}: p50 / p99", $"{Stats.Ms(p50)} / {Stats.Ms(p99)}", "p99 < 5 ms",
                $"round-trip floor p99 {Stats.Ms(floor)} → {p99 / floor:0.0}×", p99 < 5));
        }
        await Measure("社保编码 + 30 days", () =>
        {
            var from = Start.AddDays(random.Next(330));
            return new RefundQuery(Psn(random.Next(50_000)), null, from, from.AddDays(30));
        });
        await Measure("交易号", () => new RefundQuery(null, TradeNoOf(random.Next(orders)), null, null));
        await Measure("one day, time range only", () =>
        {
            var from = Start.AddDays(random.Next(360));
            return new RefundQuery(null, null, from, from.AddDays(1));
        });
        return results;
    }

    public async Task<List<Result>> CatalogueAsync(string? postgres, int drugs, int samples)
    {
        await using var database = await TestDatabase.CreateAsync(postgres);
        await using (var db = database.NewContext()) await FillDrugsAsync(db, drugs);
        var floor = await FloorAsync(database, samples);
        var random = new Random(3);
        var results = new List<Result>();
        async Task Measure(string name, Func<CatalogueSearch, Task<bool>> run)
        {
            var times = new List<double>();
            await using var db = database.NewContext(); // the till keeps one context per circuit
            var search = new CatalogueSearch(db);
            for (var i = 0; i < samples + 50; i++)
            {
                var t = Stopwatch.StartNew();
                if (!await run(search)) throw new InvalidOperationException(name + " found nothing");
                if (i >= 50) times.Add(t.Elapsed.TotalMilliseconds);
            }
            var (_, _, p99) = Stats.Of(times);
            console.WriteLine($"  {database.Provider} catalogue {name}: p99 {p99:0.00} ms");
            results.Add(new Result($"3. Catalogue lookup over {drugs:N0} drugs", $"{database.Provider}, {name}: p99", Stats.Ms(p99), "< 2 ms",
                $"round-trip floor p99 {Stats.Ms(floor)} → {p99 / floor:0.0}×", p99 < 2));
        }
        await Measure("by barcode", async s => await s.FindExactAsync(Barcode(random.Next(drugs))) is not null);
        await Measure("by 拼音码 prefix", async s => (await s.ByPinyinAsync(Pinyin(random.Next(drugs))[..3])).Count > 0);
        return results;
    }

    /// <summary>
    /// §8: a scan's batch choice (issue #17) — the drug's batches with their ledger sums, then
    /// first-expiry-first-out — for a drug with 50 batches in a store of 100k drugs with three
    /// batches each, through the till's own <see cref="PharmacyPos.Checkout.Stock.TillStock"/>, a
    /// fresh context per scan as the till's scopes make.
    /// </summary>
    public async Task<List<Result>> BatchChoiceAsync(string? postgres, int drugs, int samples)
    {
        await using var database = await TestDatabase.CreateAsync(postgres);
        const int Many = 50, Each = 3;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var received = DateTimeOffset.UtcNow.AddDays(-30).ToUnixTimeMilliseconds();
        var batchCount = Many + (drugs - 1) * Each;
        await using (var db = database.NewContext())
        {
            await FillDrugsAsync(db, drugs);
            // PostgreSQL runs its balance trigger (plpgsql) once per row: for a bulk load it is switched off and the
            // balances written directly (each batch: received 100, sold three); SQLite's trigger is cheap enough to keep.
            var pg = db.Database.IsNpgsql();
            if (pg) await db.Database.ExecuteSqlRawAsync("ALTER TABLE stock_movements DISABLE TRIGGER stock_movements_balance");
            await InsertAsync(db, batchCount, $"""
                INSERT INTO stock_batches ("Id", "StoreId", "DrugCode", "LotNo", "ProducedOn", "ExpiresOn", "ReceivedAt", "OnHand")
                VALUES (@id, 1, @code, @lot, @made, @expires, @at, {(pg ? 97 : 0)})
                """, (n, set) =>
            {
                var (drug, k) = n < Many ? (0, n) : (1 + (n - Many) / Each, (n - Many) % Each);
                set("id", (long)n + 1);
                set("code", $"YB{drug:D7}");
                set("lot", $"L{k:D3}");
                set("made", today.AddDays(-400 + k));
                set("expires", today.AddDays(30 + 20 * k));
                set("at", received);
            });
            await InsertAsync(db, batchCount * 4, """
                INSERT INTO stock_movements ("StoreId", "BatchId", "Kind", "Quantity", "At", "By")
                VALUES (1, @batch, @kind, @q, @at, 'bench')
                """, (n, set) =>
            {
                set("batch", (long)(n / 4) + 1);
                set("kind", n % 4 == 0 ? 1 : 2);
                set("q", n % 4 == 0 ? 100 : -1);
                set("at", received + n);
            });
            if (pg) await db.Database.ExecuteSqlRawAsync("ALTER TABLE stock_movements ENABLE TRIGGER stock_movements_balance");
        }
        console.WriteLine($"  {database.Provider}: {drugs:N0} drugs, {batchCount:N0} batches, {batchCount * 4:N0} movements");
        var floor = await FloorAsync(database, samples);
        var terminal = Microsoft.Extensions.Options.Options.Create(new PharmacyPos.Checkout.TerminalOptions());
        Drug drug;
        await using (var db = database.NewContext()) drug = await db.Drugs.AsNoTracking().SingleAsync(d => d.Code == "YB0000000");
        // As §3 measures a lookup: on the till's context, so the figure is the choice itself; a fresh scope per
        // scan (a new context and connection, as the till's requests make) is measured beside it as the limit.
        async Task<List<double>> MeasureAsync(bool freshScope)
        {
            var times = new List<double>();
            var shared = database.NewContext();
            try
            {
                for (var i = 0; i < samples + 50; i++)
                {
                    var t = Stopwatch.StartNew();
                    var db = freshScope ? database.NewContext() : shared;
                    try
                    {
                        var settings = new PharmacyPos.Checkout.Settings.StoreSettingsService(db, terminal,
                            Microsoft.Extensions.Options.Options.Create(new PharmacyPos.Checkout.Mobile.MobilePaymentOptions()),
                            Microsoft.Extensions.Options.Options.Create(new PharmacyPos.Checkout.Settings.RefundOptions()),
                            Microsoft.Extensions.Options.Options.Create(new PharmacyPos.Checkout.Settings.StoreOptions()), TimeProvider.System);
                        var entered = await new PharmacyPos.Checkout.Stock.TillStock(db, settings, terminal, TimeProvider.System)
                            .EnterAsync(new PharmacyPos.Domain.Sales.Sale(), drug, 1 + i % 5);
                        if (i >= 50) times.Add(t.Elapsed.TotalMilliseconds);
                        if (!entered.IsSuccess || entered.Value.Lines[0].Batch?.LotNo != "L000") throw new InvalidOperationException("FEFO did not take the first lot: " + entered.Error);
                    }
                    finally
                    {
                        if (freshScope) await db.DisposeAsync();
                    }
                }
            }
            finally
            {
                await shared.DisposeAsync();
            }
            return times;
        }
        var times = await MeasureAsync(freshScope: false);
        var scoped = Stats.Of(await MeasureAsync(freshScope: true));
        var (p50, _, p99) = Stats.Of(times);
        console.WriteLine($"  {database.Provider} batch choice, {Many} batches: p50 {p50:0.00} ms, p99 {p99:0.00} ms; in a fresh scope p50 {scoped.P50:0.00} ms, p99 {scoped.P99:0.00} ms");
        return [new Result($"8. Stock at the till over {drugs:N0} drugs", $"{database.Provider}, batch choice for a drug with {Many} batches (settings + batches + ledger sums + FEFO): p99",
            Stats.Ms(p99), "< 1 ms", $"round-trip floor p99 {Stats.Ms(floor)} → {p99 / floor:0.0}×; with a fresh scope per scan p99 {Stats.Ms(scoped.P99)}", p99 < 1)];
    }

    /// <summary>销售报表 for a whole year of a busy store: every order with two lines, refunds on their own day.</summary>
    public async Task<List<Result>> SalesReportAsync(string? postgres, int orders, int samples)
    {
        await using var database = await TestDatabase.CreateAsync(postgres);
        var clock = Stopwatch.StartNew();
        await using (var db = database.NewContext()) await FillYearAsync(db, orders);
        console.WriteLine($"  {database.Provider}: {orders:N0} orders with {orders * 2:N0} lines written in {clock.Elapsed.TotalSeconds:0.0} s");
        var times = new List<double>();
        var year = DateOnly.FromDateTime(Start.DateTime);
        for (var i = 0; i < samples + 1; i++)
        {
            await using var db = database.NewContext();
            var t = Stopwatch.StartNew();
            var report = await new PharmacyPos.Data.Reports.SalesReports(db).BuildAsync(1, year, year.AddDays(364));
            if (i >= 1) times.Add(t.Elapsed.TotalMilliseconds); // the first warms up
            if (report.Total.Count == 0 || report.BestSellers.Count == 0) throw new InvalidOperationException("The report found nothing.");
        }
        var (p50, _, p99) = Stats.Of(times);
        console.WriteLine($"  {database.Provider} 销售报表, one year: p50 {p50:0} ms, worst {times.Max():0} ms");
        return [new Result("7. 销售报表 over " + orders.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " orders (a year)",
            $"{database.Provider}, whole year by method, cashier, terminal, drug: p50 / worst of {samples}", $"{Stats.Ms(p50)} / {Stats.Ms(times.Max())}", "< 1 s",
            $"{orders * 2:N0} order lines grouped", times.Max() < 1000)];
    }

    private static async Task FillYearAsync(Microsoft.EntityFrameworkCore.DbContext db, int count)
    {
        var spacing = TimeSpan.FromDays(365) / count;
        PaymentMethod[] methods = [PaymentMethod.Cash, PaymentMethod.InsuranceAccount, PaymentMethod.Alipay, PaymentMethod.WeChatPay, PaymentMethod.SocialSecurityCard];
        await FillDrugsAsync(db, 2_000);
        await InsertAsync(db, count, """
            INSERT INTO orders ("Id", "StoreId", "TradeNo", "TerminalId", "CreatedAt", "PaidAt", "Total", "Method", "Status", "Cashier", "CashierName", "CancelRequested", "Version", "SettledUnattended")
            VALUES (@id, 1, @t, @term, @c, @paid, @total, @m, @s, @who, @name, FALSE, 1, FALSE)
            """, (n, set) =>
        {
            var failed = n % 25 == 0 && n % 40 != 0;
            var at = (Start + spacing * n).ToUnixTimeMilliseconds();
            set("id", (long)n + 1);
            set("t", TradeNoOf(n));
            set("term", $"T0001-0{n % 3 + 1}");
            set("c", at);
            set("paid", failed ? DBNull.Value : at);
            set("total", 2L * (100L + n % 2_000 % 10_000) * (1 + n % 3));
            set("m", (int)methods[n % methods.Length]);
            set("s", (int)(n % 40 == 0 ? OrderStatus.Refunded : failed ? OrderStatus.Failed : OrderStatus.Paid));
            set("who", $"cashier{n % 4}");
            set("name", $"收银员{n % 4}");
        });
        await InsertAsync(db, count * 2, """
            INSERT INTO order_lines ("StoreId", "OrderId", "LineNo", "DrugCode", "DrugName", "Specification", "Unit", "WhollySelfPaid", "UnitPrice", "Quantity")
            VALUES (1, @o, @no, @code, @name, '10片/盒', '盒', FALSE, @price, @q)
            """, (n, set) =>
        {
            var order = n / 2;
            var drug = (order + n % 2 * 7) % 2_000;
            set("o", (long)order + 1);
            set("no", n % 2 + 1);
            set("code", $"YB{drug:D7}");
            set("name", $"测试药品{drug}");
            set("price", 100L + drug % 10_000);
            set("q", 1 + order % 3);
        });
        await InsertAsync(db, count / 40, """
            INSERT INTO refunds ("StoreId", "OrderId", "TradeNo", "RefundNo", "Method", "Amount", "Status", "RequestedAt", "FinishedAt", "Attempts")
            VALUES (1, @o, @t, @r, @m, @a, 2, @at, @at, 1)
            """, (n, set) =>
        {
            var order = n * 40; // the refunded orders
            set("o", (long)order + 1);
            set("t", TradeNoOf(order));
            set("r", TradeNoOf(order) + "R1");
            set("m", (int)methods[order % methods.Length]);
            set("a", 2L * (100L + order % 2_000 % 10_000) * (1 + order % 3));
            set("at", (Start + spacing * order + TimeSpan.FromHours(1)).ToUnixTimeMilliseconds());
        });
    }

    /// <summary>The limit a query is held against: the cheapest round trip the same stack makes (SELECT 1 through EF).</summary>
    private static async Task<double> FloorAsync(TestDatabase database, int samples)
    {
        await using var db = database.NewContext();
        var times = new List<double>();
        for (var i = 0; i < samples + 20; i++)
        {
            var t = Stopwatch.StartNew();
            await db.Database.ExecuteSqlRawAsync("SELECT 1");
            if (i >= 20) times.Add(t.Elapsed.TotalMilliseconds);
        }
        return Stats.Of(times).P99;
    }

    private static string Psn(int n) => $"3301{n:D10}";
    private static string TradeNoOf(int n) => $"{Start.AddMinutes(n / 2.0):yyyyMMddHHmmss}0001{n % 100:D2}{n % 10000:D4}";
    private static string Barcode(int n) => $"69{n:D11}";
    private static string Pinyin(int n) => string.Concat($"{n:D6}".Select(c => (char)('A' + (c - '0'))));

    private static Task FillOrdersAsync(Microsoft.EntityFrameworkCore.DbContext db, int count) => InsertAsync(db, count, """
        INSERT INTO orders ("StoreId", "TradeNo", "TerminalId", "CreatedAt", "PaidAt", "Total", "Method", "Status", "PsnNo", "CancelRequested", "Version", "SettledUnattended")
        VALUES (1, @t, 'T0001-01', @c, @c, @total, @m, @s, @p, FALSE, 1, FALSE)
        """, (n, set) =>
    {
        var insured = n % 3 == 0;
        set("t", TradeNoOf(n));
        set("c", Start.AddMinutes(n / 2.0).ToUnixTimeMilliseconds()); // two a minute: a year of a busy store
        set("total", 500L + n % 20_000);
        set("m", (int)(insured ? PaymentMethod.InsuranceAccount : n % 3 == 1 ? PaymentMethod.Alipay : PaymentMethod.Cash));
        set("s", (int)(n % 40 == 0 ? OrderStatus.Refunded : n % 25 == 0 ? OrderStatus.Failed : OrderStatus.Paid));
        set("p", insured ? Psn(n % 50_000) : DBNull.Value);
    });

    private static Task FillDrugsAsync(Microsoft.EntityFrameworkCore.DbContext db, int count) => InsertAsync(db, count, """
        INSERT INTO drugs ("Code", "Barcode", "Name", "Specification", "Manufacturer", "Unit", "RetailPrice", "PinyinInitials", "NationalCode", "WhollySelfPaid")
        VALUES (@code, @barcode, @name, '10片/盒', '某制药有限公司', '盒', @price, @pinyin, @national, FALSE)
        """, (n, set) =>
    {
        set("code", $"YB{n:D7}");
        set("barcode", Barcode(n));
        set("name", $"测试药品{n}");
        set("price", 100L + n % 10_000);
        set("pinyin", Pinyin(n));
        set("national", n % 2 == 0 ? $"XN{n:D10}" : DBNull.Value);
    });

    /// <summary>Rows 0..count-1 through one prepared INSERT in one transaction, then fresh planner statistics.</summary>
    private static async Task InsertAsync(Microsoft.EntityFrameworkCore.DbContext db, int count, string sql, Action<int, Action<string, object>> fill)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = sql;
        var parameters = new Dictionary<string, DbParameter>();
        void Set(string name, object value)
        {
            if (!parameters.TryGetValue(name, out var p)) parameters[name] = p = Param(insert, name);
            p.Value = value;
        }
        for (var n = 0; n < count; n++)
        {
            fill(n, Set);
            await insert.ExecuteNonQueryAsync();
        }
        await tx.CommitAsync();
        // A running server's autovacuum keeps the visibility map set; after a bulk load only VACUUM does.
        await db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql() ? "VACUUM ANALYZE" : "ANALYZE");
    }

    private static DbParameter Param(DbCommand command, string name)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        command.Parameters.Add(p);
        return p;
    }
}
