using System.Globalization;
using System.Text;
using PharmacyPos.Bench;

// dotnet bench/PharmacyPos.Bench/bin/Release/net10.0/PharmacyPos.Bench.dll [--quick] [--postgres "Host=…"] [--out bench/RESULTS.md]
// bench/run.sh builds Release, starts a throwaway PostgreSQL and runs this.
var quick = args.Contains("--quick");
PublishedTill.Smoke = quick;
PaymentLoad.Smoke = quick;
var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("PHARMACYPOS_TEST_POSTGRES");
var output = args.SkipWhile(a => a != "--out").Skip(1).FirstOrDefault();
var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()?.Split(',') ?? ["startup", "payments", "queries", "chain", "reports", "stock", "scanner", "micro"];
var console = Console.Out;
var results = new List<Result>();
// --postgres-only: the PostgreSQL rows alone (SQLite's 100,000-payment memory curve comes first otherwise).
var providers = postgres is null ? new string?[] { null } : args.Contains("--postgres-only") ? [postgres] : [null, postgres];

console.WriteLine($"PharmacyPos benchmarks ({(quick ? "quick" : "full")}), PostgreSQL {(postgres is null ? "not given: SQLite only" : "on")}");
if (only.Contains("startup")) { console.WriteLine("5. start-up"); results.AddRange(await PaymentLoad.StartupAsync(quick ? 1 : 3, console)); }
foreach (var provider in only.Contains("payments") ? providers : [])
{
    console.WriteLine($"1. payments ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new PaymentLoad(console).RunAsync(provider, quick ? [1, 4] : [1, 4, 16], TimeSpan.FromSeconds(quick ? 3 : 15),
        provider is null ? (quick ? 300 : 100_000) : 0));
}
foreach (var provider in only.Contains("queries") ? providers : [])
{
    console.WriteLine($"2. refund query ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new QueryLoad(console).RefundQueriesAsync(provider, quick ? 20_000 : 1_000_000, quick ? 100 : 1000));
    console.WriteLine($"3. catalogue ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new QueryLoad(console).CatalogueAsync(provider, quick ? 5_000 : 300_000, quick ? 200 : 2000));
}
foreach (var provider in only.Contains("chain") ? providers : [])
{
    console.WriteLine($"9. a chain's catalogue ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new ChainCatalogue(console).RunAsync(provider, quick ? 5_000 : 300_000));
}
foreach (var provider in only.Contains("reports") ? providers : [])
{
    console.WriteLine($"7. sales report ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new QueryLoad(console).SalesReportAsync(provider, quick ? 20_000 : 300_000, quick ? 2 : 5));
}
foreach (var provider in only.Contains("stock") ? providers : [])
{
    console.WriteLine($"8. stock at the till ({(provider is null ? "SQLite" : "PostgreSQL")})");
    results.AddRange(await new QueryLoad(console).BatchChoiceAsync(provider, quick ? 10_000 : 100_000, quick ? 200 : 2000));
    results.AddRange(await StockComparison.RunAsync(provider, quick ? [1] : [1, 4], TimeSpan.FromSeconds(quick ? 3 : 15), console));
}
if (only.Contains("scanner")) { console.WriteLine("4. scanner to screen"); results.Add(await new ScannerLoad(console).RunAsync(quick ? 15 : 100)); }
if (only.Contains("micro")) { console.WriteLine("6. micro-benchmarks"); results.AddRange(Micro.Run(quick, console)); }

var table = new StringBuilder();
table.AppendLine("| § | measure | result | target | limit in the same run | met |");
table.AppendLine("|---|---|---|---|---|---|");
foreach (var r in results)
    table.AppendLine(CultureInfo.InvariantCulture, $"| {r.Section} | {r.Measure} | {r.Value} | {r.Target} | {r.Limit} | {(r.Met is null ? "—" : r.Met.Value ? "yes" : "**no**")} |");
console.WriteLine(table);
if (output is not null)
{
    var machine = $"{Environment.ProcessorCount} cores, {File.ReadLines("/proc/meminfo").First().Split(':')[1].Trim()} RAM, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    var text = $"""
        <!-- RESULTS:BEGIN (written by the benchmark; the analysis below it is by hand) -->
        Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {machine}; mode {(quick ? "quick" : "full")};
        command: `bench/run.sh{(quick ? " --quick" : "")}`.

        {table}
        <!-- RESULTS:END -->
        """;
    var existing = File.Exists(output) ? await File.ReadAllTextAsync(output) : "# Benchmark results\n\n<!-- RESULTS:BEGIN --><!-- RESULTS:END -->\n";
    var start = existing.IndexOf("<!-- RESULTS:BEGIN", StringComparison.Ordinal);
    var end = existing.IndexOf("<!-- RESULTS:END -->", StringComparison.Ordinal);
    var updated = start >= 0 && end > start
        ? existing[..start] + text + existing[(end + "<!-- RESULTS:END -->".Length)..]
        : existing + "\n" + text;
    await File.WriteAllTextAsync(output, updated);
    console.WriteLine($"written to {output}");
}
return 0;
