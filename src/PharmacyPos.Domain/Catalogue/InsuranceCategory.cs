namespace PharmacyPos.Domain.Catalogue;

/// <summary>医保目录类别: 甲类 fully covered, 乙类 partly, 丙类 not covered by the fund.</summary>
public enum InsuranceCategory
{
    Jia = 1,
    Yi = 2,
    Bing = 3,
}

public static class InsuranceCategoryNames
{
    public static string ToChinese(this InsuranceCategory category) => category switch
    {
        InsuranceCategory.Jia => "甲",
        InsuranceCategory.Yi => "乙",
        InsuranceCategory.Bing => "丙",
        _ => throw new ArgumentOutOfRangeException(nameof(category)),
    };

    /// <summary>Accepts what catalogue files carry: 甲/乙/丙, 甲类/乙类/丙类, or A/B/C.</summary>
    public static bool TryParse(string? text, out InsuranceCategory category)
    {
        category = default;
        switch (text?.Trim().TrimEnd('类').ToUpperInvariant())
        {
            case "甲" or "A": category = InsuranceCategory.Jia; return true;
            case "乙" or "B": category = InsuranceCategory.Yi; return true;
            case "丙" or "C": category = InsuranceCategory.Bing; return true;
            default: return false;
        }
    }
}
