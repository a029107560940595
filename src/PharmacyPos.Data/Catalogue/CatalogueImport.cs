using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Data.Catalogue;

public sealed record CatalogueRowError(int RowNumber, string Column, string Message);

public sealed record CatalogueImportReport(int Added, int Updated, IReadOnlyList<CatalogueRowError> Errors)
{
    public int Imported => Added + Updated;
}


/// <summary>
/// Imports a catalogue file: rows that are wrong are reported with their row number and the
/// reason, the rest go in together in one transaction, so nothing is half-written.
/// A known 编码 updates its drug; a new one adds a drug.
/// </summary>
public sealed class CatalogueImport(PosDbContext db)
{
    /// <summary>Rows between two progress reports: often enough to move, rarely enough not to flood the page.</summary>
    public const int ProgressEvery = 5_000;

    public async Task<CatalogueImportReport> ImportAsync(IReadOnlyList<PharmacyPos.Data.Import.ImportRow> rows,
        IProgress<PharmacyPos.Data.Import.ImportProgress>? progress = null, CancellationToken ct = default)
    {
        // The page hides the import from cashiers; the use case refuses it too (the system's demo seed may).
        if (db.Actor.IsStaff && !db.Actor.May(Domain.Staff.Permission.ManageCatalogue))
            return new CatalogueImportReport(0, 0, [new CatalogueRowError(0, "", "只有店长或管理员可以导入药品目录，未导入任何行。")]);
        var errors = new List<CatalogueRowError>();
        var valid = new List<Drug>();
        var seenCodes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var seenBarcodes = new Dictionary<string, int>();

        var checkedRows = 0;
        foreach (var row in rows)
        {
            if (++checkedRows % ProgressEvery == 0) progress?.Report(new(checkedRows, rows.Count, Saving: false));
            var rowErrors = new List<CatalogueRowError>();
            var drug = Parse(row, rowErrors);
            if (drug is not null)
            {
                if (seenCodes.TryGetValue(drug.Code, out var codeRow))
                    rowErrors.Add(new(row.RowNumber, CatalogueColumns.Code, $"编码“{drug.Code}”与第 {codeRow} 行重复。"));
                if (seenBarcodes.TryGetValue(drug.Barcode, out var barcodeRow))
                    rowErrors.Add(new(row.RowNumber, CatalogueColumns.Barcode, $"条码“{drug.Barcode}”与第 {barcodeRow} 行重复。"));
            }
            if (rowErrors.Count > 0 || drug is null)
            {
                errors.AddRange(rowErrors);
                continue;
            }
            seenCodes[drug.Code] = row.RowNumber;
            seenBarcodes[drug.Barcode] = row.RowNumber;
            valid.Add(drug);
        }

        progress?.Report(new(rows.Count, rows.Count, Saving: true));
        // In slices: a chain's file of 300,000 drugs in one IN list would pass SQLite's limit on parameters.
        var existing = new List<Drug>();
        foreach (var slice in valid.Chunk(500))
        {
            var codes = slice.Select(d => d.Code).ToList();
            var barcodes = slice.Select(d => d.Barcode).ToList();
            existing.AddRange(await db.Drugs.Where(d => codes.Contains(d.Code) || barcodes.Contains(d.Barcode)).ToListAsync(ct));
        }
        existing = existing.Distinct().ToList(); // one tracked drug may match two slices (its 编码 in one, its 条码 in another)
        var byCode = existing.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        var byBarcode = existing.ToDictionary(d => d.Barcode);

        int added = 0, updated = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var drug in valid)
        {
            if (byBarcode.TryGetValue(drug.Barcode, out var holder) && !string.Equals(holder.Code, drug.Code, StringComparison.OrdinalIgnoreCase))
            {
                var rowNumber = seenCodes[drug.Code];
                errors.Add(new(rowNumber, CatalogueColumns.Barcode, $"条码“{drug.Barcode}”已被药品 {holder.Code}（{holder.Name}）使用。"));
                continue;
            }
            if (byCode.TryGetValue(drug.Code, out var known))
            {
                // Stock of a drug sold split is kept in split units: its pack size cannot change under stock already counted.
                if (known.SplitsPerPack != drug.SplitsPerPack && await db.Batches.AnyAsync(b => b.DrugCode == known.Code, ct))
                {
                    errors.Add(new(seenCodes[drug.Code], CatalogueColumns.SplitsPerPack,
                        $"{known.Code}（{known.Name}）已有库存批号，库存按{(known.SplitUnit ?? known.Unit)}记账，不能修改拆零设置；请先盘点清零或新建编码。"));
                    continue;
                }
                known.UpdateFrom(drug);
                updated++;
            }
            else
            {
                db.Drugs.Add(drug);
                added++;
            }
        }
        // Each changed price gets its own audit line from the change tracker; this one says the import happened.
        db.AddAudit(Domain.Audit.AuditActions.CatalogueImported, detail: $"新增 {added} 种，更新 {updated} 种，错误 {errors.Count} 行");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CatalogueImportReport(added, updated, errors.OrderBy(e => e.RowNumber).ToList());
    }

    private static Drug? Parse(PharmacyPos.Data.Import.ImportRow row, List<CatalogueRowError> errors)
    {
        void Fail(string column, string message) => errors.Add(new(row.RowNumber, column, message));

        foreach (var column in CatalogueColumns.Required)
            if (row[column].Length == 0) Fail(column, $"{column}不能为空。");

        var priceText = row[CatalogueColumns.RetailPrice];
        Money price = default;
        if (priceText.Length > 0 && (!Money.TryParse(priceText, out price) || !Drug.IsValidPrice(price)))
            Fail(CatalogueColumns.RetailPrice, $"零售价“{priceText}”无效：必须是大于 0、不超过 {Drug.MaxRetailPrice} 的金额，最多两位小数。");

        var selfPaid = YesNo(row, CatalogueColumns.WhollySelfPaid, Fail);
        var ephedrine = YesNo(row, CatalogueColumns.Ephedrine, Fail);
        var classText = row[CatalogueColumns.DrugClass];
        if (!DrugClasses.TryParse(classText, out var drugClass))
            Fail(CatalogueColumns.DrugClass, $"处方分类“{classText}”无效：应为 处方药、甲类非处方药 或 乙类非处方药。");
        var split = Split(row, price, Fail);

        var nationalCode = row[CatalogueColumns.NationalCode];
        var categoryText = row[CatalogueColumns.Category];
        InsuranceCategory? category = null;
        if (categoryText.Length > 0)
        {
            if (InsuranceCategoryNames.TryParse(categoryText, out var c)) category = c;
            else Fail(CatalogueColumns.Category, $"未知的医保类别“{categoryText}”：应为 甲、乙 或 丙。");
        }

        foreach (var (column, max) in new[] { (CatalogueColumns.Code, 32), (CatalogueColumns.Barcode, 32), (CatalogueColumns.Name, 100), (CatalogueColumns.PinyinInitials, 40), (CatalogueColumns.NationalCode, 40) })
            if (row[column].Length > max) Fail(column, $"{column}过长（最多 {max} 个字符）。");

        var pinyin = row[CatalogueColumns.PinyinInitials];
        if (pinyin.Length > 0 && !pinyin.All(char.IsAsciiLetterOrDigit))
            Fail(CatalogueColumns.PinyinInitials, $"拼音码“{pinyin}”只能包含字母和数字。");

        if (errors.Count > 0) return null;
        return new Drug(row[CatalogueColumns.Code], row[CatalogueColumns.Barcode], row[CatalogueColumns.Name],
            row[CatalogueColumns.Specification], row[CatalogueColumns.Manufacturer], row[CatalogueColumns.Unit],
            price, pinyin, nationalCode, selfPaid!.Value, category, drugClass, ephedrine!.Value, split);
    }

    private static bool? YesNo(PharmacyPos.Data.Import.ImportRow row, string column, Action<string, string> fail)
    {
        var text = row[column];
        bool? value = text.ToUpperInvariant() switch
        {
            "" or "否" or "N" or "0" or "FALSE" => false,
            "是" or "Y" or "1" or "TRUE" => true,
            _ => null,
        };
        if (value is null) fail(column, $"{column}“{text}”无效：应为 是 或 否。");
        return value;
    }

    /// <summary>拆零: all three columns or none; a split price is at most the box's.</summary>
    private static DrugSplit? Split(PharmacyPos.Data.Import.ImportRow row, Money packPrice, Action<string, string> fail)
    {
        var (unit, countText, priceText) = (row[CatalogueColumns.SplitUnit], row[CatalogueColumns.SplitsPerPack], row[CatalogueColumns.SplitPrice]);
        if (unit.Length == 0 && countText.Length == 0 && priceText.Length == 0) return null;
        if (unit.Length == 0 || countText.Length == 0 || priceText.Length == 0)
        {
            fail(CatalogueColumns.SplitUnit, "拆零单位、拆零数量、拆零价须同时填写（或都不填）。");
            return null;
        }
        if (!int.TryParse(countText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count))
        {
            fail(CatalogueColumns.SplitsPerPack, $"拆零数量“{countText}”应为整数。");
            return null;
        }
        if (!Money.TryParse(priceText, out var price))
        {
            fail(CatalogueColumns.SplitPrice, $"拆零价“{priceText}”无效：应为金额，最多两位小数。");
            return null;
        }
        if (DrugSplit.Problem(unit, count, price, packPrice) is { } problem)
        {
            fail(CatalogueColumns.SplitUnit, problem);
            return null;
        }
        return new DrugSplit(unit, count, price);
    }
}
