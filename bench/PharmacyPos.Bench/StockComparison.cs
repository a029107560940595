namespace PharmacyPos.Bench;

/// <summary>
/// §8: the §1 payment load twice in one run, without batches (lines take none, payments write no
/// movements, no stock check before paying) and with the demo store's batches — issue #17's limit
/// is 10 % worse at most, in throughput and in p50.
/// </summary>
public static class StockComparison
{
    public static async Task<List<Result>> RunAsync(string? postgres, int[] terminals, TimeSpan each, TextWriter console)
    {
        var without = new PaymentLoad(console);
        await without.RunAsync(postgres, terminals, each, 0, stock: false);
        var with = new PaymentLoad(console);
        await with.RunAsync(postgres, terminals, each, 0, stock: true);
        var provider = postgres is null ? "SQLite" : "PostgreSQL";
        return
        [
            .. terminals.Select(n =>
            {
                var a = without.Measured.Single(m => m.Terminals == n);
                var b = with.Measured.Single(m => m.Terminals == n);
                var slower = Math.Max(1 - b.Rate / a.Rate, b.P50 / a.P50 - 1);
                console.WriteLine($"  {provider} {n} terminal(s): without stock {a.Rate:0.0}/s p50 {a.P50:0.0} ms, with stock {b.Rate:0.0}/s p50 {b.P50:0.0} ms");
                return new Result("8. Stock at the till", $"{provider}, {n} terminal(s): payments/s and p50 with stock vs without",
                    $"{b.Rate:0.0}/s, {Stats.Ms(b.P50)} vs {a.Rate:0.0}/s, {Stats.Ms(a.P50)}", "≤ 10 % worse",
                    $"worse by {slower:P0}; POS CPU/payment {b.PosCpu:0.0} vs {a.PosCpu:0.0} ms", slower <= 0.10);
            }),
        ];
    }
}
