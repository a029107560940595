using System.Globalization;
using PharmacyPos.CrashProof;

// dotnet run -c Release --project bench/PharmacyPos.CrashProof -- --kills 500 [--workers 4] [--seed 1] [--no-faults] [--folder DIR]
// dotnet run -c Release --project bench/PharmacyPos.CrashProof -- --failover [--workers 4] [--before 60] [--after 60] [--promote-after 1] [--async]
int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

if (args.Contains("--failover"))
{
    var failover = new FailoverOptions(Arg("--workers", 4), Arg("--before", 60), Arg("--after", 60), Arg("--promote-after", 1), !args.Contains("--async"));
    Console.WriteLine($"Failover: {failover.Workers} terminals, primary killed after {failover.SecondsBefore} s, replica promoted {failover.PromoteAfterSeconds} s later, " +
                      $"{failover.SecondsAfter} s more, {(failover.Synchronous ? "synchronous" : "asynchronous")} replication");
    var run = await new FailoverHarness(failover, Console.Out).RunAsync();
    var b = run.Books;
    Console.WriteLine($"payments started: {run.PaymentsStarted}; paid before the kill: {run.PaidBefore}, after: {run.PaidAfter}; refunds: {run.Refunds}");
    Console.WriteLine($"no payment taken for {run.Outage.TotalSeconds:0.0} s (from the SIGKILL of the primary to the first payment on the promoted replica)");
    Console.WriteLine($"orders: {b.Orders} (paid {b.Paid}, failed {b.Failed}, refunded {b.Refunded}); ledger entries: {b.LedgerEntries}");
    Console.WriteLine($"lost orders (charged, no paid order): {b.ChargesWithoutPaidOrder}; paid without a charge: {b.PaidOrdersWithoutCharge}; " +
                      $"double charges: {b.DoubleCharges}; refunds twice: {b.RefundsAppliedTwice}; stuck: {b.StuckOrders}; refunds not recorded: {b.RefundsNotRecorded}");
    foreach (var f in b.Findings.Take(50)) Console.WriteLine("  " + f);
    Console.WriteLine(b.AllZero ? "RESULT: all zero" : "RESULT: DIFFERENCES FOUND");
    return b.AllZero ? 0 : 1;
}

var options = new HarnessOptions(Arg("--kills", 500), Arg("--workers", 4), Arg("--seed", 1), !args.Contains("--no-faults"),
    args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault());

Console.WriteLine($"Crash harness: {options.Kills} SIGKILLs, {options.Workers} terminals, seed {options.Seed}, faults {(options.Faults ? "on" : "off")}");
var report = await new CrashHarness(options, Console.Out).RunAsync();
CrashReportPrinter.Print(report, Console.Out);
return report.Books.AllZero && report.Stock.Mismatches == 0 && report.Shifts.Mismatches == 0 ? 0 : 1;
