using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Channels;
using PharmacyPos.Channels.Alipay;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Channels.WeChatPay;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Bench;

/// <summary>§6: the hot pieces of a payment. Each protocol's sign/verify is held against the bare primitive it is built on.</summary>
[MemoryDiagnoser]
public class ProtocolBenchmarks
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly string _content = AlipaySignature.Content(new Dictionary<string, string>
    {
        ["app_id"] = "2021000000000001", ["method"] = "alipay.trade.pay", ["charset"] = "utf-8", ["sign_type"] = "RSA2",
        ["timestamp"] = "2026-11-29 10:00:00", ["version"] = "1.0",
        ["biz_content"] = """{"out_trade_no":"202611291000000001010001","scene":"bar_code","auth_code":"281234567890123456","subject":"金银花露","total_amount":"6.80"}""",
    });
    private readonly Dictionary<string, string> _fields = new()
    {
        ["appid"] = "wx0000000000000001", ["mch_id"] = "1900000001", ["nonce_str"] = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", ["body"] = "金银花露",
        ["out_trade_no"] = "202611291000000001010001", ["total_fee"] = "680", ["auth_code"] = "134567890123456789", ["sign_type"] = "HMAC-SHA256",
    };
    private string _alipaySign = "";
    private readonly Sale _sale = new();
    private PaymentCode _code;

    [GlobalSetup]
    public void Setup()
    {
        _alipaySign = AlipaySignature.Sign(_content, _key);
        _fields["sign"] = WeChatSignature.Sign(_fields, "192006250b4c09247ec02edce69f6a2d", WeChatSignature.HmacSha256);
        _sale.Add(new Drug("YP1", "6901234567890", "阿莫西林胶囊", "0.25g*24粒", "某药业", "盒", Money.FromYuan(13.10m), "AMXL", "XJ01CA04", false, InsuranceCategory.Jia));
        _code = PaymentCode.Classify("281234567890123456").Value;
    }

    [Benchmark(Baseline = true, Description = "RSA-2048 SHA-256 sign, bare (limit)")]
    public byte[] RsaBare() => _key.SignData(Encoding.UTF8.GetBytes(_content), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    [Benchmark(Description = "Alipay RSA2 sign")]
    public string AlipaySign() => AlipaySignature.Sign(_content, _key);

    [Benchmark(Description = "Alipay RSA2 verify")]
    public bool AlipayVerify() => AlipaySignature.Verify(_content, _alipaySign, _key);

    [Benchmark(Description = "WeChat HMAC-SHA256 sign")]
    public string WeChatSign() => WeChatSignature.Sign(_fields, "192006250b4c09247ec02edce69f6a2d", WeChatSignature.HmacSha256);

    [Benchmark(Description = "WeChat HMAC-SHA256 verify")]
    public bool WeChatVerify() => WeChatSignature.Verify(_fields, "192006250b4c09247ec02edce69f6a2d");

    [Benchmark(Description = "Insurance x-tif signature")]
    public string TifSign() => TifSignature.Compute("1764381600", "token-abcdef", "nonce-123456");

    [Benchmark(Description = "Payment code classification")]
    public bool Classify() => PaymentCode.Classify("281234567890123456").IsSuccess;

    private readonly PharmacyPos.Data.PersonalData.PersonalDataProtector _protector = new(RandomNumberGenerator.GetBytes(32));
    private readonly Microsoft.AspNetCore.Identity.PasswordHasher<object> _hasher = new();
    private string _sealed = "";
    private string _hash = "";

    [GlobalSetup(Targets = [nameof(Seal), nameof(Unseal), nameof(PasswordVerify)])]
    public void SetupStaff()
    {
        _sealed = _protector.Protect("11010519491231002X");
        _hash = _hasher.HashPassword(this, "shouyin2026");
    }

    [Benchmark(Description = "Seal an ID number (AES-256-GCM, HMAC nonce)")]
    public string Seal() => _protector.Protect("11010519491231002X");

    [Benchmark(Description = "Unseal an ID number")]
    public string Unseal() => _protector.Unprotect(_sealed);

    [Benchmark(Description = "Password check at sign-in (framework hasher, PBKDF2)")]
    public Microsoft.AspNetCore.Identity.PasswordVerificationResult PasswordVerify() => _hasher.VerifyHashedPassword(this, _hash, "shouyin2026");

    private (PharmacyPos.Domain.Journal.IJournaled, PharmacyPos.Domain.Journal.JournalEvent)[] _paid = [];
    private System.Diagnostics.Metrics.MeterListener? _listener;

    [GlobalSetup(Target = nameof(MetricsOff))]
    public void PaidOrder()
    {
        var sale = new Sale();
        sale.Add(new Drug("YP1", "6901234567890", "阿莫西林胶囊", "0.25g*24粒", "某药业", "盒", Money.FromYuan(13.10m), "AMXL", "XJ01CA04", false, InsuranceCategory.Jia));
        var code = PaymentCode.Classify("281234567890123456").Value;
        var order = PharmacyPos.Domain.Orders.Order.StartPayment(PharmacyPos.Domain.Orders.TradeNo.Parse("202611291000000001010001"), 1, "T0001-01",
            DateTimeOffset.UtcNow, sale, SettlementRoute.Decide(sale, code, new PlatformAnswer.Bound("P1", "张三", Money.FromYuan(500m))), TimeSpan.FromSeconds(60));
        order.MarkPaid("2026112922001400000000000001", DateTimeOffset.UtcNow.AddSeconds(3));
        _paid = [(order, new PharmacyPos.Domain.Journal.JournalEvent(DateTimeOffset.UtcNow, PharmacyPos.Domain.Journal.JournalEvents.OrderPaid, "Paid", null))];
    }

    [GlobalSetup(Target = nameof(MetricsOn))]
    public void ListenToMetrics()
    {
        PaidOrder();
        // What an exporter does: listen to every PharmacyPos instrument and take each measurement.
        _listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == PharmacyPos.Data.PosMetrics.Name) l.EnableMeasurementEvents(instrument); },
        };
        _listener.SetMeasurementEventCallback<long>((_, _, _, _) => { });
        _listener.SetMeasurementEventCallback<double>((_, _, _, _) => { });
        _listener.Start();
    }

    [GlobalCleanup(Target = nameof(MetricsOn))]
    public void StopListening() => _listener?.Dispose();

    [Benchmark(Description = "Metrics off: count a paid payment after its save (no listener)")]
    public void MetricsOff() => PharmacyPos.Data.PosMetrics.Saved(_paid, []);

    [Benchmark(Description = "Metrics on: the same with a listener taking every measurement")]
    public void MetricsOn() => PharmacyPos.Data.PosMetrics.Saved(_paid, []);

    private ServiceProvider? _services;

    [GlobalSetup(Target = nameof(RequestContext))]
    public void PosData()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-bench-micro");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Path"] = Path.Combine(folder, "pos.db") }).Build();
        _services = new ServiceCollection().AddPosData(configuration).BuildServiceProvider();
    }

    [GlobalCleanup(Target = nameof(RequestContext))]
    public void StopPosData() => _services?.Dispose();

    /// <summary>What every request pays before its first query: its scope, the context and the connection it will open.</summary>
    [Benchmark(Description = "A request's database context (scope, context, its connection; SQLite)")]
    public int RequestContext()
    {
        using var scope = _services!.CreateScope();
        return scope.ServiceProvider.GetRequiredService<PharmacyPos.Data.PosDbContext>().Database.GetDbConnection().ConnectionString.Length;
    }

    [Benchmark(Description = "Route decision (bound, covered)")]
    public SettlementRoute Route() => SettlementRoute.Decide(_sale, _code, new PlatformAnswer.Bound("P1", "张三", Money.FromYuan(500m)));
}

public static class Micro
{
    public static List<Result> Run(bool quick, TextWriter console)
    {
        var job = (quick ? Job.Dry.WithIterationCount(3) : Job.ShortRun).WithToolchain(InProcessEmitToolchain.Instance);
        var config = ManualConfig.CreateEmpty().AddJob(job).AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(BenchmarkDotNet.Loggers.NullLogger.Instance).WithOptions(ConfigOptions.DisableOptimizationsValidator);
        Summary summary = BenchmarkRunner.Run<ProtocolBenchmarks>(config);
        var rows = new List<Result>();
        var baseline = summary.Reports.First(r => r.BenchmarkCase.Descriptor.Baseline).ResultStatistics?.Mean ?? double.NaN;
        foreach (var report in summary.Reports)
        {
            var mean = report.ResultStatistics?.Mean ?? double.NaN; // nanoseconds
            var name = report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? 0;
            console.WriteLine($"  {name}: {mean / 1000:0.00} µs, {allocated} B");
            var signing = name.StartsWith("Alipay", StringComparison.Ordinal);
            rows.Add(new Result("6. Micro-benchmarks (BenchmarkDotNet, in-process)", name, $"{mean / 1000:0.000} µs, {allocated:N0} B/op",
                signing ? "≤ 1.2× bare RSA" : "—", signing ? $"bare RSA {baseline / 1000:0.0} µs → {mean / baseline:0.00}×" : "—",
                signing && !name.Contains("verify", StringComparison.Ordinal) ? mean <= 1.2 * baseline : null));
        }
        return rows;
    }
}
