using System.Diagnostics;
using System.Net.Http.Json;
using MiniExcelLibs;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Bench;

/// <summary>
/// §9: a chain's full range on one till (issue #21): the catalogue file of 300,000 drugs imported
/// from XLSX as the manager's page does it (read, checked, saved in one transaction), then the POS
/// started on that database and its first barcode scan timed. The 拼音码 and barcode lookups over
/// the same size are §3.
/// </summary>
public sealed class ChainCatalogue(TextWriter console)
{
    public async Task<List<Result>> RunAsync(string? postgres, int drugs)
    {
        var results = new List<Result>();
        await using var database = await TestDatabase.CreateAsync(postgres);
        var file = Path.Combine(database.Folder, "catalogue.xlsx");
        await WriteFileAsync(file, drugs);
        var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;

        var clock = Stopwatch.StartNew();
        IReadOnlyList<PharmacyPos.Data.Import.ImportRow> rows;
        await using (var content = File.OpenRead(file)) rows = CatalogueFile.Read(content, "catalogue.xlsx");
        var read = clock.Elapsed.TotalSeconds;
        var reports = 0;
        CatalogueImportReport report;
        await using (var db = database.NewContext())
            report = await new CatalogueImport(db).ImportAsync(rows, new Reporter(() => reports++));
        var total = clock.Elapsed.TotalSeconds;
        if (report.Added != drugs || report.Errors.Count > 0) throw new InvalidOperationException($"import: {report.Added} added, {report.Errors.Count} errors");
        console.WriteLine($"  {database.Provider} import of {drugs} drugs ({megabytes:0.0} MB XLSX): read {read:0.0} s, total {total:0.0} s, {reports} progress reports");
        results.Add(new Result($"9. A chain's catalogue ({drugs:N0} drugs)", $"{database.Provider}, catalogue import from XLSX ({megabytes:0.0} MB), with progress",
            $"{total:0.0} s", "≤ 60 s", $"file read {read:0.0} s; {reports} progress reports", total <= 60));
        rows = [];

        // The first start on this database makes the sandbox's keys; a till's daily start is the one after it.
        string[] arguments = [.. database.PosArguments, "--Catalogue:SeedDemoStock", "false", "--Store:RefuseOutOfStock", "false"];
        var published = await PublishedTill.ExecutableAsync(console);
        await (await PosServer.StartBuildInAsync(published, database.Folder, arguments)).DisposeAsync();
        clock.Restart();
        await using var pos = await PosServer.StartBuildInAsync(published, database.Folder, arguments);
        var start = clock.Elapsed.TotalMilliseconds;
        using var http = await pos.SignInAsync(PharmacyPos.Domain.Staff.StaffRole.Cashier);
        clock.Restart();
        using var scan = await http.GetAsync($"/api/catalogue/lookup?entry=69{drugs / 2:D11}");
        var first = clock.Elapsed.TotalMilliseconds;
        scan.EnsureSuccessStatusCode();
        var found = await scan.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        if (found.GetProperty("code").GetString() != $"YC{drugs / 2:D7}") throw new InvalidOperationException("the first scan found the wrong drug: " + found);
        console.WriteLine($"  {database.Provider} POS on {drugs} drugs: ready in {start:0} ms, first scan {first:0.0} ms");
        results.Add(new Result($"9. A chain's catalogue ({drugs:N0} drugs)", $"{database.Provider}, daily start to ready (published till)",
            Stats.Ms(start), "≤ 2 s", "—", start <= 2000));
        results.Add(new Result($"9. A chain's catalogue ({drugs:N0} drugs)", $"{database.Provider}, first barcode scan after start (lookup over HTTP)",
            Stats.Ms(first), "≤ 50 ms", "—", first <= 50));
        return results;
    }

    /// <summary>The layout the page asks for, every column filled as a chain's export would be.</summary>
    private static async Task WriteFileAsync(string path, int drugs)
    {
        IEnumerable<Dictionary<string, object>> Rows()
        {
            for (var n = 0; n < drugs; n++)
            {
                yield return new Dictionary<string, object>
                {
                    [CatalogueColumns.Code] = $"YC{n:D7}",
                    [CatalogueColumns.Barcode] = $"69{n:D11}",
                    [CatalogueColumns.Name] = $"连锁药品{n}",
                    [CatalogueColumns.Specification] = "10片/盒",
                    [CatalogueColumns.Manufacturer] = "某制药有限公司",
                    [CatalogueColumns.Unit] = "盒",
                    [CatalogueColumns.RetailPrice] = $"{1 + n % 500}.{n % 100:D2}",
                    [CatalogueColumns.PinyinInitials] = string.Concat($"{n:D6}".Select(c => (char)('A' + (c - '0')))),
                    [CatalogueColumns.NationalCode] = n % 2 == 0 ? $"XN{n:D10}" : "",
                    [CatalogueColumns.WhollySelfPaid] = "否",
                    [CatalogueColumns.Category] = n % 2 == 0 ? "甲" : "",
                    [CatalogueColumns.DrugClass] = n % 5 == 0 ? "处方药" : "乙类非处方药",
                    [CatalogueColumns.Ephedrine] = "否",
                    [CatalogueColumns.SplitUnit] = "",
                    [CatalogueColumns.SplitsPerPack] = "",
                    [CatalogueColumns.SplitPrice] = "",
                };
            }
        }
        await using var stream = File.Create(path);
        await stream.SaveAsAsync(Rows());
    }

    /// <summary>Counts reports on the thread that makes them (Progress&lt;T&gt; would post them to the pool).</summary>
    private sealed class Reporter(Action onReport) : IProgress<PharmacyPos.Data.Import.ImportProgress>
    {
        public void Report(PharmacyPos.Data.Import.ImportProgress value) => onReport();
    }
}
