using System.Text;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

public class CatalogueImportTests : IAsyncLifetime
{
    private const string Header = "编码,条码,名称,规格,生产厂家,单位,零售价,拼音码,医保编码,全自费,医保类别";
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<CatalogueImportReport> ImportCsvAsync(params string[] lines)
    {
        var csv = string.Join("\n", [Header, .. lines]);
        await using var db = _db.NewContext();
        var rows = CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "catalogue.csv");
        return await new CatalogueImport(db).ImportAsync(rows);
    }

    [Fact]
    public async Task Good_rows_are_imported_and_bad_rows_are_reported_with_row_number_and_reason()
    {
        var report = await ImportCsvAsync(
            "A001,6900000000011,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,16.80,BLFHSJN,XM01AE01A1,否,甲",
            "A002,6900000000028,坏价格,1,某厂,盒,十元,HJG,,否,",
            "A003,6900000000011,重复条码,1,某厂,盒,5.00,CFTM,,否,",
            "A004,6900000000035,未知类别,1,某厂,盒,5.00,WZLB,X1,否,丁",
            "A005,6900000000042,清凉油,3g,某厂,盒,3.00,QLY,,否,");

        Assert.Equal(2, report.Added);
        Assert.Equal([3, 4, 5], report.Errors.Select(e => e.RowNumber));
        Assert.Contains("零售价“十元”无效", report.Errors[0].Message);
        Assert.Contains("与第 2 行重复", report.Errors[1].Message);
        Assert.Contains("未知的医保类别“丁”", report.Errors[2].Message);

        await using var db = _db.NewContext();
        Assert.Equal(["A001", "A005"], await db.Drugs.OrderBy(d => d.Code).Select(d => d.Code).ToListAsync());
        var unmapped = await db.Drugs.SingleAsync(d => d.Code == "A005");
        Assert.True(unmapped.IsUnmapped);
    }

    [Fact]
    public async Task A_file_of_thousands_reports_its_progress_and_a_second_import_updates_every_drug_once_across_lookup_slices()
    {
        const int Drugs = 12_000;
        var lines = Enumerable.Range(0, Drugs).Select(n => $"C{n:D6},69{n:D11},药品{n},1,某厂,盒,{1 + n % 90}.50,YP{n},,否,").ToArray();
        var seen = new List<PharmacyPos.Data.Import.ImportProgress>();
        var csv = string.Join("\n", [Header, .. lines]);
        CatalogueImportReport first;
        await using (var db = _db.NewContext())
            first = await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "c.csv"), new ProgressReports(seen));

        Assert.Equal((Drugs, 0), (first.Added, first.Updated));
        Assert.Equal([5_000, 10_000, Drugs], seen.Select(p => p.Checked));
        Assert.Equal([false, false, true], seen.Select(p => p.Saving));
        Assert.Equal("正在检查第 5000 / 12000 行…", seen[0].Text);

        // One known drug matched twice by the slices of the lookup: its 编码 in the first 500 rows (with a new
        // 条码), its old 条码 claimed by a new drug 600 rows later. It is updated once; the claim is refused.
        var moved = await ImportCsvAsync([
            "C000000,6999999999999,药品0,1,某厂,盒,2.50,YP0,,否,",
            .. Enumerable.Range(1, 600).Select(n => $"C{n:D6},69{n:D11},药品{n},1,某厂,盒,3.50,YP{n},,否,"),
            "X000001,6900000000000,新药,1,某厂,盒,9.90,XY,,否,"]);
        Assert.Equal((0, 601), (moved.Added, moved.Updated));
        Assert.Contains("已被药品 C000000", Assert.Single(moved.Errors).Message);
    }

    private async Task<CatalogueImportReport> ImportRegulatedAsync(params string[] lines)
    {
        var csv = string.Join("\n", [Header + ",处方分类,含麻黄碱,拆零单位,拆零数量,拆零价", .. lines]);
        await using var db = _db.NewContext();
        return await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "catalogue.csv"));
    }

    [Fact]
    public async Task The_class_ephedrine_and_split_columns_are_read_and_an_old_file_without_them_gives_the_defaults()
    {
        var report = await ImportRegulatedAsync(
            "R001,6900000000301,硝苯地平缓释片,20mg*30片,某厂,盒,18.00,XBDP,,否,,处方药,否,片,30,0.60",
            "R002,6900000000318,新康泰克,8粒,某厂,盒,21.80,XKTK,,是,,甲类非处方药,是,,,",
            "R003,6900000000325,坏分类,1,某厂,盒,5.00,HFL,,否,,保健品,否,,,",
            "R004,6900000000332,坏麻黄碱,1,某厂,盒,5.00,HMHJ,,否,,,也许,,,",
            "R005,6900000000349,半拆零,1,某厂,盒,5.00,BCL,,否,,,,片,,",
            "R006,6900000000356,贵拆零,10片,某厂,盒,5.00,GCL,,否,,,,片,10,6.00",
            "R007,6900000000363,一片一盒,1片,某厂,盒,5.00,YPYH,,否,,,,片,1,1.00");
        Assert.Equal(2, report.Added);
        Assert.Equal([4, 5, 6, 7, 8], report.Errors.Select(e => e.RowNumber));
        Assert.Contains("处方分类“保健品”无效", report.Errors[0].Message);
        Assert.Contains("含麻黄碱“也许”无效", report.Errors[1].Message);
        Assert.Contains("须同时填写", report.Errors[2].Message);
        Assert.Contains("不高于整盒零售价", report.Errors[3].Message);
        Assert.Contains("2 到 1000", report.Errors[4].Message);

        await ImportCsvAsync("R010,6900000000400,老文件药,1,某厂,盒,3.00,LWJ,,否,");
        await using var db = _db.NewContext();
        var rx = await db.Drugs.SingleAsync(d => d.Code == "R001");
        Assert.Equal((Domain.Catalogue.DrugClass.Prescription, false, "片", 30, Domain.Money.FromYuan(0.60m)), (rx.Class, rx.ContainsEphedrine, rx.SplitUnit, rx.SplitsPerPack!.Value, rx.SplitPrice!.Value));
        var ephedrine = await db.Drugs.SingleAsync(d => d.Code == "R002");
        Assert.Equal((Domain.Catalogue.DrugClass.OtcA, true, null), (ephedrine.Class, ephedrine.ContainsEphedrine, ephedrine.Split));
        var old = await db.Drugs.SingleAsync(d => d.Code == "R010");
        Assert.Equal((Domain.Catalogue.DrugClass.OtcB, false, null), (old.Class, old.ContainsEphedrine, old.Split));
    }

    [Fact]
    public async Task A_drug_with_stock_keeps_its_split_setting_because_its_stock_is_counted_in_split_units()
    {
        await ImportRegulatedAsync("S001,6900000000370,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,17.60,BLF,,否,,,,粒,20,0.90");
        await using (var db = _db.NewContext())
        {
            var now = DateTimeOffset.UtcNow;
            var batch = Domain.Stock.StockBatch.Receive(1, "S001", "L1", Domain.BeijingTime.DayOf(now).AddDays(-10), Domain.BeijingTime.DayOf(now).AddDays(300), null, null, now).Value;
            db.StockMovements.Add(Domain.Stock.StockMovement.Receive(batch, 40, now, "system"));
            await db.SaveChangesAsync();
        }
        var report = await ImportRegulatedAsync("S001,6900000000370,布洛芬缓释胶囊,0.3g*24粒,某厂,盒,17.60,BLF,,否,,,,粒,24,0.90");
        Assert.Contains("不能修改拆零设置", Assert.Single(report.Errors).Message);
        var price = await ImportRegulatedAsync("S001,6900000000370,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,18.00,BLF,,否,,,,粒,20,0.95");
        Assert.Empty(price.Errors);
    }

    [Fact]
    public async Task A_price_beyond_what_a_till_sells_is_refused_at_import_with_its_row()
    {
        var report = await ImportCsvAsync(
            "B001,6900000000059,天价药,1,某厂,盒,99999999999999,TJY,,否,",
            "B002,6900000000066,贵药,1,某厂,盒,100000.00,GY,,否,");

        Assert.Equal(1, report.Added);
        Assert.Equal(2, Assert.Single(report.Errors).RowNumber);
        Assert.Contains("不超过 ¥100000.00", report.Errors[0].Message);
    }

    [Fact]
    public async Task Reimporting_a_known_code_updates_that_drug_instead_of_adding_one()
    {
        await ImportCsvAsync("A001,6900000000011,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,16.80,BLFHSJN,XM01AE01A1,否,甲");
        var report = await ImportCsvAsync("A001,6900000000011,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,18.00,BLFHSJN,XM01AE01A1,是,丙");

        Assert.Equal((0, 1), (report.Added, report.Updated));
        await using var db = _db.NewContext();
        var drug = await db.Drugs.SingleAsync();
        Assert.Equal(1800, drug.RetailPrice.Fen);
        Assert.True(drug.WhollySelfPaid);
    }

    [Fact]
    public async Task A_barcode_already_held_by_another_drug_is_reported_and_not_imported()
    {
        await ImportCsvAsync("A001,6900000000011,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,16.80,BLFHSJN,XM01AE01A1,否,甲");
        var report = await ImportCsvAsync("B001,6900000000011,别的药,1,某厂,盒,1.00,BDY,,否,");

        var error = Assert.Single(report.Errors);
        Assert.Contains("已被药品 A001", error.Message);
        await using var db = _db.NewContext();
        Assert.Equal(1, await db.Drugs.CountAsync());
    }

    [Fact]
    public void A_file_without_the_required_columns_is_refused_whole()
    {
        var ex = Assert.Throws<PharmacyPos.Data.Import.ImportFileException>(() =>
            CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes("名称,规格\n布洛芬,1")), "x.csv"));
        Assert.Contains("表头缺少必需列：编码、条码、零售价", ex.Message);
    }

    [Fact]
    public void An_unsupported_file_type_is_refused_in_chinese() =>
        Assert.Contains("不支持的文件类型", Assert.Throws<PharmacyPos.Data.Import.ImportFileException>(() => CatalogueFile.Read(new MemoryStream(), "x.pdf")).Message);

    [Fact]
    public void A_broken_xlsx_is_refused_in_chinese() =>
        Assert.Contains("无法读取 XLSX", Assert.Throws<PharmacyPos.Data.Import.ImportFileException>(() =>
            CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes("not a zip")), "x.xlsx")).Message);

    [Fact]
    public async Task Xlsx_files_are_imported_through_the_same_rules()
    {
        var sheet = new[]
        {
            new Dictionary<string, object> { ["编码"] = "X1", ["条码"] = "6900000000059", ["名称"] = "板蓝根颗粒", ["规格"] = "10g*20袋", ["生产厂家"] = "某厂", ["单位"] = "袋", ["零售价"] = 15.0m, ["拼音码"] = "BLGKL", ["医保编码"] = "XZA01AB1", ["全自费"] = "否", ["医保类别"] = "甲" },
            new Dictionary<string, object> { ["编码"] = "X2", ["条码"] = "6900000000066", ["名称"] = "坏行", ["规格"] = "", ["生产厂家"] = "", ["单位"] = "", ["零售价"] = -1m, ["拼音码"] = "HH", ["医保编码"] = "", ["全自费"] = "否", ["医保类别"] = "" },
        };
        var xlsx = new MemoryStream();
        xlsx.SaveAs(sheet, excelType: ExcelType.XLSX);
        xlsx.Position = 0;

        await using var db = _db.NewContext();
        var report = await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(xlsx, "catalogue.xlsx"));

        Assert.Equal(1, report.Added);
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.RowNumber);
        Assert.Equal("零售价", error.Column);
    }

    [Theory]
    [InlineData("GB18030")] // what Excel on Chinese Windows saves as "CSV (逗号分隔)"
    [InlineData("UTF-8-BOM")]
    [InlineData("UTF-8")]
    public void A_csv_in_the_encoding_excel_saved_it_in_is_read_with_its_chinese_header_and_names(string encoding)
    {
        var text = Header + "\nA009,6900000000097,布洛芬缓释胶囊,0.3g*20粒,某厂,盒,15.80,BLFHSJN,,否,甲\n";
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var bytes = encoding switch
        {
            "GB18030" => System.Text.Encoding.GetEncoding(54936).GetBytes(text),
            "UTF-8-BOM" => [.. System.Text.Encoding.UTF8.Preamble, .. System.Text.Encoding.UTF8.GetBytes(text)],
            _ => System.Text.Encoding.UTF8.GetBytes(text),
        };

        var row = Assert.Single(CatalogueFile.Read(new MemoryStream(bytes), "catalogue.csv"));

        Assert.Equal("布洛芬缓释胶囊", row.Cells["名称"]);
        Assert.Equal("0.3g*20粒", row.Cells["规格"]);
    }
}

/// <summary>Export → (edit in Excel) → import gives back the same catalogue, in both formats.</summary>
public class CatalogueRoundTripTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Theory]
    [InlineData(Export.ExportFormat.Csv)]
    [InlineData(Export.ExportFormat.Xlsx)]
    public async Task An_exported_catalogue_imports_back_unchanged(Export.ExportFormat format)
    {
        await using (var db = _db.NewContext())
        {
            var seeded = await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(DemoCatalogue.Open(), "demo.csv"));
            Assert.Empty(seeded.Errors);
            // A name a spreadsheet would run as a formula survives the trip as the same text.
            await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(new MemoryStream(Encoding.UTF8.GetBytes(
                "编码,条码,名称,零售价\n00123,0069000000011,-号药,1.50\n")), "odd.csv"));
        }
        string Snapshot(IEnumerable<Domain.Catalogue.Drug> drugs) => string.Join("\n", drugs.OrderBy(d => d.Code).Select(d =>
            $"{d.Code}|{d.Barcode}|{d.Name}|{d.Specification}|{d.Manufacturer}|{d.Unit}|{d.RetailPrice}|{d.PinyinInitials}|{d.NationalCode}|{d.WhollySelfPaid}|{d.Category}"
            + $"|{d.Class}|{d.ContainsEphedrine}|{d.SplitUnit}|{d.SplitsPerPack}|{d.SplitPrice}"));
        string before;
        byte[] file;
        await using (var db = _db.NewContext())
        {
            before = Snapshot(await db.Drugs.AsNoTracking().ToListAsync());
            file = Export.ReportFile.Write(await new CatalogueExport(db).TableAsync(), format);
        }
        Assert.Contains("00123|0069000000011|-号药", before);
        Assert.Contains("YP00061|", before);
        Assert.Contains("|Prescription|False|片|30|¥0.60", before);
        Assert.Contains("|OtcA|True|||", before);

        CatalogueImportReport report;
        await using (var db = _db.NewContext())
            report = await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(new MemoryStream(file), "export." + Export.ReportFile.Extension(format)));
        Assert.Empty(report.Errors);
        Assert.Equal(0, report.Added);
        await using (var db = _db.NewContext())
            Assert.Equal(before, Snapshot(await db.Drugs.AsNoTracking().ToListAsync()));
    }
}
