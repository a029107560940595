using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Data.Import;
using PharmacyPos.Data.Stock;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Stock;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>药品入库: good rows in one transaction, bad rows named, stock the ledger's sum.</summary>
public sealed class ReceivingImportTests : IAsyncLifetime
{
    private const string Header = "编码,批号,生产日期,有效期至,数量,供应商,进价";
    private static readonly Actor Manager = new("manager", "店长甲", StaffRole.Manager);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 29, 16, 30, 0, TimeSpan.Zero)); // 2026-11-30 00:30 in Beijing
    private TestDatabase _db = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        await using var db = _db.NewContext();
        await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(DemoCatalogue.Open(), "demo.csv"));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<ReceivingReport> ReceiveAsync(Actor actor, Encoding encoding, params string[] lines)
    {
        await using var db = _db.NewContextFor(actor, _clock);
        var rows = TableFile.Read(new MemoryStream(encoding.GetBytes(string.Join("\n", [Header, .. lines]))), "receiving.csv", ReceivingColumns.Layout);
        return await new ReceivingImport(db, _clock).ImportAsync(1, rows);
    }

    private async Task<Dictionary<string, int>> StockAsync()
    {
        await using var db = _db.NewContext();
        return (await new StockQuery(db, _clock).ListAsync(1, null, StockQuery.Filter.All, 90)).ToDictionary(l => $"{l.Batch.DrugCode}/{l.Batch.LotNo}", l => l.OnHand);
    }

    [Fact]
    public async Task Good_rows_are_received_together_and_each_bad_row_is_named_with_its_reason()
    {
        var report = await ReceiveAsync(Manager, Encoding.UTF8,
            "YP00001,A2601,2026-01-05,2028-01-04,100,国药控股,8.50",
            "YP00001,A2512,2025-12-01,2026-12-31,20,,",
            "YP99999,X1,2026-01-01,2027-01-01,5,,",
            "YP00004,B 01,2026-01-01,2027-01-01,5,,",
            "YP00004,B02,2026-02-30,2027-01-01,5,,",
            "YP00004,B03,2026-06-01,2026-05-01,5,,",
            "YP00004,B04,2024-01-01,2026-11-29,5,,",
            "YP00004,B05,2026-01-01,2027-01-01,2.5,,",
            "YP00004,B06,2026-01-01,2027-01-01,0,,",
            "YP00001,A2601,2026-01-05,2028-01-04,3,,");

        Assert.Equal((2, 2, 120), (report.Lines, report.NewBatches, report.Units));
        Assert.Equal([4, 5, 6, 7, 8, 9, 10, 11], report.Errors.Select(e => e.RowNumber)); // row 1 is the header
        Assert.Contains("药品目录中没有编码“YP99999”", report.Errors[0].Message);
        Assert.Contains("不能有空格", report.Errors[1].Message);
        Assert.Contains("“2026-02-30”不是有效日期", report.Errors[2].Message);
        Assert.Contains("早于生产日期", report.Errors[3].Message);
        Assert.Contains("已于 2026-11-29 过期", report.Errors[4].Message); // yesterday in Beijing, though still that day in UTC
        Assert.Contains("必须是正整数", report.Errors[5].Message);
        Assert.Contains("必须是正整数", report.Errors[6].Message);
        Assert.Contains("与第 2 行重复", report.Errors[7].Message);

        var stock = await StockAsync();
        Assert.Equal(100, stock["YP00001/A2601"]);
        Assert.Equal(20, stock["YP00001/A2512"]);
        await using var db = _db.NewContext();
        Assert.Single(await db.Audit.Where(a => a.Action == Domain.Audit.AuditActions.StockReceived && a.UserName == "manager").ToListAsync());
    }

    [Fact]
    public async Task A_second_delivery_of_a_lot_adds_to_it_and_stock_is_the_ledgers_sum()
    {
        Assert.Empty((await ReceiveAsync(Manager, Encoding.UTF8, "YP00006,C1,2026-03-01,2028-02-28,10,,")).Errors);
        var again = await ReceiveAsync(Manager, Encoding.UTF8, "YP00006,C1,2026-03-01,2028-02-28,15,,", "YP00006,C1X,2026-03-01,2028-02-28,1,,");
        Assert.Equal((2, 1), (again.Lines, again.NewBatches));
        var wrongDates = await ReceiveAsync(Manager, Encoding.UTF8, "YP00006,C1,2026-03-02,2028-02-28,1,,");
        Assert.Contains("与本行不同", Assert.Single(wrongDates.Errors).Message);

        Assert.Equal(25, (await StockAsync())["YP00006/C1"]);
        await using var db = _db.NewContext();
        var batch = await db.Batches.SingleAsync(b => b.DrugCode == "YP00006" && b.LotNo == "C1");
        Assert.Equal([10, 15], await db.StockMovements.Where(m => m.BatchId == batch.Id).OrderBy(m => m.Id).Select(m => m.Quantity).ToListAsync());
    }

    [Fact]
    public async Task A_file_saved_by_excel_on_chinese_windows_is_read_and_a_cashier_cannot_receive()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var gbk = await ReceiveAsync(Manager, Encoding.GetEncoding(54936), "YP00202,D1,2026-01-01,2027-06-30,12,华东医药,3.20");
        Assert.Empty(gbk.Errors);
        await using (var db = _db.NewContext())
            Assert.Equal("华东医药", (await db.Batches.SingleAsync(b => b.LotNo == "D1")).Supplier);

        var refused = await ReceiveAsync(new Actor("cashier", "收银员", StaffRole.Cashier), Encoding.UTF8, "YP00202,D2,2026-01-01,2027-06-30,1,,");
        Assert.Contains("只有店长或管理员", Assert.Single(refused.Errors).Message);
        Assert.False((await StockAsync()).ContainsKey("YP00202/D2"));
    }

    [Fact]
    public async Task A_delivery_of_100k_rows_is_received_in_one_save_with_progress_reported_along_the_way()
    {
        await using var read = _db.NewContext();
        var drugs = await read.Drugs.OrderBy(d => d.Code).Select(d => new { d.Code, d.SplitsPerPack }).ToListAsync();
        var codes = drugs.Select(d => d.Code).ToList();
        var csv = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < 100_000; i++) csv.Append(codes[i % codes.Count]).Append($",H{i:D6},2026-01-05,2028-01-04,{1 + i % 20},,\n");
        var rows = TableFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "big.csv", ReceivingColumns.Layout);

        var seen = new List<PharmacyPos.Data.Import.ImportProgress>();
        await using var db = _db.NewContextFor(Manager, _clock);
        var report = await new ReceivingImport(db, _clock).ImportAsync(1, rows, new ProgressReports(seen));

        Assert.Equal((100_000, 100_000, 0), (report.Lines, report.NewBatches, report.Errors.Count));
        Assert.Equal(100_000 / ReceivingImport.ProgressEvery + 1, seen.Count);
        Assert.Equal(seen.Select(p => p.Checked).Order(), seen.Select(p => p.Checked));
        Assert.True(seen[^1].Saving);
        await using var after = _db.NewContext();
        // Boxes of a drug sold split (拆零) go into the ledger as its split units.
        Assert.Equal(Enumerable.Range(0, 100_000).Sum(i => (1 + i % 20) * (drugs[i % drugs.Count].SplitsPerPack ?? 1)),
            await after.StockMovements.SumAsync(m => m.Quantity));
    }
}
