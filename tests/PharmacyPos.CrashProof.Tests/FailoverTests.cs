using Xunit.Abstractions;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>The chain's primary dies under load; its synchronous replica is promoted; the POS carries on and the books still balance.</summary>
public class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_primary_mid_load_loses_no_payment_and_the_pos_carries_on_on_the_promoted_replica()
    {
        var log = new StringWriter();
        var report = await new FailoverHarness(new FailoverOptions(), log).RunAsync();
        log.WriteLine($"payments started {report.PaymentsStarted}, paid before {report.PaidBefore}, after {report.PaidAfter}, refunds {report.Refunds}; " +
                      $"no payments for {report.Outage.TotalSeconds:0.0} s; {report.Elapsed.TotalSeconds:0} s in all");
        foreach (var f in report.Books.Findings) log.WriteLine("  " + f);
        output.WriteLine(log.ToString());

        Assert.True(report.PaidBefore > 0, "payments went through before the kill");
        Assert.True(report.PaidAfter > 0, "the POS took payments on the promoted replica by itself");
        Assert.Equal(0, report.Books.ChargesWithoutPaidOrder);
        Assert.Equal(0, report.Books.PaidOrdersWithoutCharge);
        Assert.Equal(0, report.Books.DoubleCharges);
        Assert.Equal(0, report.Books.RefundsAppliedTwice);
        Assert.Equal(0, report.Books.StuckOrders);
        Assert.Equal(0, report.Books.RefundsNotRecorded);
    }
}
