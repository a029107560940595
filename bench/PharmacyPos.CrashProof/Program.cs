using System.Globalization;
using PharmacyPos.CrashProof;

// dotnet run -c Release --project bench/PharmacyPos.CrashProof -- --kills 500 [--workers 4] [--seed 1] [--no-faults] [--folder DIR]
int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var options = new HarnessOptions(Arg("--kills", 500), Arg("--workers", 4), Arg("--seed", 1), !args.Contains("--no-faults"),
    args.SkipWhile(a => a != "--folder").Skip(1).FirstOrDefault());

Console.WriteLine($"Crash harness: {options.Kills} SIGKILLs, {options.Workers} terminals, seed {options.Seed}, faults {(options.Faults ? "on" : "off")}");
var report = await new CrashHarness(options, Console.Out).RunAsync();
CrashReportPrinter.Print(report, Console.Out);
return report.Books.AllZero ? 0 : 1;
