using PharmacyPos.CrashProof;
using Xunit.Abstractions;

namespace PharmacyPos.CrashProof.Tests;

/// <summary>The short CI run of the crash harness: the full run (500 kills) is `bench/crash-proof.sh`.</summary>
public sealed class CrashProofTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_pos_at_random_points_under_faults_loses_doubles_and_strands_nothing()
    {
        var log = new StringWriter();
        var report = await new CrashHarness(new HarnessOptions(Kills: 12, Workers: 3, Seed: Environment.TickCount), log).RunAsync();
        CrashReportPrinter.Print(report, log);
        output.WriteLine(log.ToString());

        Assert.True(report.PaymentsStarted > report.Kills, "the terminals got payments going between kills");
        Assert.True(report.Books.Orders > 0 && report.Books.LedgerEntries > 0, "money moved");
        Assert.Equal(0, report.Books.ChargesWithoutPaidOrder);
        Assert.Equal(0, report.Books.PaidOrdersWithoutCharge);
        Assert.Equal(0, report.Books.DoubleCharges);
        Assert.Equal(0, report.Books.RefundsAppliedTwice);
        Assert.Equal(0, report.Books.StuckOrders);
        Assert.Equal(0, report.Books.RefundsNotRecorded);
        Directory.Delete(report.Folder, recursive: true);
    }
}
