using PharmacyPos.Data.Import;

namespace PharmacyPos.Data.Catalogue;

/// <summary>The columns a catalogue file carries, in the pharmacy's own headings.</summary>
public static class CatalogueColumns
{
    public const string Code = "编码";
    public const string Barcode = "条码";
    public const string Name = "名称";
    public const string Specification = "规格";
    public const string Manufacturer = "生产厂家";
    public const string Unit = "单位";
    public const string RetailPrice = "零售价";
    public const string PinyinInitials = "拼音码";
    public const string NationalCode = "医保编码";
    public const string WhollySelfPaid = "全自费";
    public const string Category = "医保类别";
    /// <summary>处方药 / 甲类非处方药 / 乙类非处方药; empty is 乙类非处方药 (old files).</summary>
    public const string DrugClass = "处方分类";
    public const string Ephedrine = "含麻黄碱";
    public const string SplitUnit = "拆零单位";
    public const string SplitsPerPack = "拆零数量";
    public const string SplitPrice = "拆零价";

    public static readonly string[] Required = [Code, Barcode, Name, RetailPrice];

    public static readonly string[] All =
        [Code, Barcode, Name, Specification, Manufacturer, Unit, RetailPrice, PinyinInitials, NationalCode, WhollySelfPaid, Category,
         DrugClass, Ephedrine, SplitUnit, SplitsPerPack, SplitPrice];

    public static readonly TableLayout Layout = new(Required, All);
}

/// <summary>Reads a CSV or XLSX catalogue into rows.</summary>
public static class CatalogueFile
{
    public static bool IsSupported(string fileName) => TableFile.IsSupported(fileName);

    public static IReadOnlyList<ImportRow> Read(Stream content, string fileName) => TableFile.Read(content, fileName, CatalogueColumns.Layout);
}
