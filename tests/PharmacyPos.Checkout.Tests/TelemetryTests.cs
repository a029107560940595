using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Tests;

/// <summary>The instruments are process-wide: these tests run alone, so what they count is theirs.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}

/// <summary>Metrics and traces after a scripted set of payments, read through OpenTelemetry's in-memory exporter.</summary>
[Collection(AloneCollection.Name)]
public sealed class TelemetryTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private static readonly Actor Cashier = new("cashier", "演示收银员", StaffRole.Cashier);

    [Fact]
    public async Task A_scripted_day_is_counted_by_method_and_outcome_with_channel_calls_recovery_backlog_and_refused_sign_ins()
    {
        // Snapshots, not the live Metric objects: disposing the provider exports once more.
        var exported = new List<MetricSnapshot>();
        using (var meters = Sdk.CreateMeterProviderBuilder().AddMeter(Data.PosMetrics.Name).AddInMemoryExporter(exported).Build())
        {
            await ShiftTests.PayCashAsync(h, Cashier, "100", "YP00004");
            var paid = await ShiftTests.PayMobileAsync(h, Cashier, "unbound", "YP00001");
            Assert.Equal(OrderStatus.Paid, paid.Status);
            var (refunds, db) = h.Refunds();
            await using (db) Assert.True((await refunds.RefundAsync(paid.OrderId)).IsSuccess);
            Assert.Equal(OrderStatus.Pending, (await ShiftTests.PayMobileAsync(h, Cashier, "slow", "YP00202")).Status);
            h.Clock.Advance(TimeSpan.FromSeconds(75)); // the buyer never confirms: recovery fails it
            await h.Recovery.RunOnceAsync();
            await using (var staff = h.Database.NewContext())
            {
                await h.Staff(staff).SeedDemoAsync(1);
                Assert.False((await h.Staff(staff).SignInAsync("manager", "wrong", "test")).IsSuccess);
            }
            meters.ForceFlush();
        }

        long Sum(string name, params (string Key, string Value)[] tags) => Points(exported, name)
            .Where(p => tags.All(t => Tag(p, t.Key) == t.Value)).Sum(p => p.GetSumLong());
        Assert.Equal(1, Sum("pharmacypos.payments", ("method", "Cash"), ("outcome", "paid")));
        Assert.Equal(1, Sum("pharmacypos.payments", ("method", "Alipay"), ("outcome", "paid")));
        Assert.Equal(1, Sum("pharmacypos.payments", ("method", "Alipay"), ("outcome", "failed")));
        Assert.Equal(1, Sum("pharmacypos.refunds", ("method", "Alipay"), ("outcome", "refunded")));
        Assert.Equal(1, Sum("pharmacypos.signin.failures", ("outcome", "failed")));
        Assert.True(Sum("pharmacypos.journal.writes") >= 8);
        Assert.True(Sum("pharmacypos.channel.calls", ("channel", "alipay"), ("call", "alipay.trade.pay"), ("outcome", "answered")) >= 2);
        Assert.Equal(1, Points(exported, "pharmacypos.payment.duration").Where(p => Tag(p, "method") == "Alipay").Sum(p => p.GetHistogramCount()));
        // The recovery pass saw the one waiting payment, 75 s old.
        Assert.Equal(1, Points(exported, "pharmacypos.recovery.backlog").Single().GetGaugeLastValueLong());
        Assert.InRange(Points(exported, "pharmacypos.recovery.oldest_age").Single().GetGaugeLastValueDouble(), 75, 76);
    }

    [Fact]
    public async Task One_payment_is_one_trace_from_the_till_through_the_channel_call_to_the_sandbox_tagged_with_its_trade_no()
    {
        var spans = new List<Activity>();
        AttemptView paid;
        using (var tracer = Sdk.CreateTracerProviderBuilder().AddSource(Channels.ChannelMetrics.Name)
                   .AddHttpClientInstrumentation().AddAspNetCoreInstrumentation().AddInMemoryExporter(spans).Build())
        {
            paid = await ShiftTests.PayMobileAsync(h, Cashier, "unbound", "YP00001");
            tracer.ForceFlush();
        }
        var payment = Assert.Single(spans, a => a.DisplayName == "payment" && (string?)a.GetTagItem("pharmacypos.trade_no") == paid.TradeNo.Value);
        var trace = spans.Where(a => a.TraceId == payment.TraceId).ToList();
        var call = Assert.Single(trace, a => a.DisplayName == "alipay alipay.trade.pay");
        Assert.Equal(payment.SpanId, call.ParentSpanId);
        // The sandbox's own server span for that call, in the same trace: traceparent crossed the wire.
        Assert.Contains(trace, a => a.Kind == ActivityKind.Server && a.ParentSpanId != default && trace.Any(c => c.SpanId == a.ParentSpanId && c.Kind == ActivityKind.Client));
    }

    /// <summary>The points of the first export (the ForceFlush) of one metric.</summary>
    private static IEnumerable<MetricPoint> Points(List<MetricSnapshot> exported, string name) =>
        exported.FirstOrDefault(m => m.Name == name)?.MetricPoints ?? [];

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value?.ToString();
        return null;
    }
}
