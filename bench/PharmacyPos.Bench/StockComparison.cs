namespace PharmacyPos.Bench;

/// <summary>
/// §8: the §1 payment load without batches (lines take none, payments write no movements, no
/// stock check before paying) and with the demo store's batches — issue #17's limit is 10 % worse
/// at most, in throughput and in p50. The two alternate, twice each (without, with, without, with),
/// and each side's figures are the mean of its two rounds: a single pair measured the order of the
/// runs (on this 2-core machine the second run of any pair came out up to 30 % slower) as much as stock.
/// </summary>
public static class StockComparison
{
    public static async Task<List<Result>> RunAsync(string? postgres, int[] terminals, TimeSpan each, TextWriter console, int rounds = 2)
    {
        var without = new List<PaymentLoad>();
        var with = new List<PaymentLoad>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var stock in new[] { false, true })
            {
                var load = new PaymentLoad(console);
                await load.RunAsync(postgres, terminals, each, 0, stock);
                (stock ? with : without).Add(load);
            }
        }
        var provider = postgres is null ? "SQLite" : "PostgreSQL";
        return
        [
            .. terminals.Select(n =>
            {
                var a = Mean(without, n);
                var b = Mean(with, n);
                var slower = Math.Max(1 - b.Rate / a.Rate, b.P50 / a.P50 - 1);
                console.WriteLine($"  {provider} {n} terminal(s), mean of {rounds} rounds: without stock {a.Rate:0.0}/s p50 {a.P50:0.0} ms, with stock {b.Rate:0.0}/s p50 {b.P50:0.0} ms");
                return new Result("8. Stock at the till", $"{provider}, {n} terminal(s): payments/s and p50 with stock vs without (mean of {rounds} alternating rounds)",
                    $"{b.Rate:0.0}/s, {Stats.Ms(b.P50)} vs {a.Rate:0.0}/s, {Stats.Ms(a.P50)}", "≤ 10 % worse",
                    $"worse by {slower:P0}; POS CPU/payment {b.PosCpu:0.0} vs {a.PosCpu:0.0} ms", slower <= 0.10);
            }),
        ];
    }

    private static (double Rate, double P50, double PosCpu) Mean(List<PaymentLoad> loads, int terminals)
    {
        var runs = loads.Select(l => l.Measured.Single(m => m.Terminals == terminals)).ToList();
        return (runs.Average(r => r.Rate), runs.Average(r => r.P50), runs.Average(r => r.PosCpu));
    }
}
