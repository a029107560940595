namespace PharmacyPos.Domain.Catalogue;

/// <summary>
/// 药品分类管理 (《处方药与非处方药分类管理办法》): a prescription drug is sold only against a
/// prescription a pharmacist has reviewed; 甲类 and 乙类 OTC are sold freely (乙类 also outside pharmacies).
/// </summary>
public enum DrugClass
{
    /// <summary>处方药 (Rx).</summary>
    Prescription = 1,
    /// <summary>甲类非处方药 (red OTC mark).</summary>
    OtcA = 2,
    /// <summary>乙类非处方药 (green OTC mark): the default for a catalogue file that says nothing.</summary>
    OtcB = 3,
}

public static class DrugClasses
{
    public static string ToChinese(this DrugClass c) => c switch
    {
        DrugClass.Prescription => "处方药",
        DrugClass.OtcA => "甲类非处方药",
        DrugClass.OtcB => "乙类非处方药",
        _ => c.ToString(),
    };

    /// <summary>The sale grid's short mark.</summary>
    public static string Mark(this DrugClass c) => c switch
    {
        DrugClass.Prescription => "Rx",
        DrugClass.OtcA => "OTC甲",
        _ => "OTC乙",
    };

    /// <summary>The words pharmacies' own files use: the full name, Rx/OTC marks, 甲类/乙类.</summary>
    public static bool TryParse(string? text, out DrugClass c)
    {
        var t = (text ?? "").Trim().ToUpperInvariant().Replace(" ", "", StringComparison.Ordinal);
        c = t switch
        {
            "处方药" or "处方" or "RX" => DrugClass.Prescription,
            "甲类非处方药" or "甲类OTC" or "OTC甲" or "OTC甲类" or "甲类" or "甲" => DrugClass.OtcA,
            "" or "乙类非处方药" or "乙类OTC" or "OTC乙" or "OTC乙类" or "乙类" or "乙" or "OTC" or "非处方药" => DrugClass.OtcB,
            _ => 0,
        };
        return c != 0;
    }
}

/// <summary>拆零: the drug sold by the tablet or capsule from an opened box, at its own price.</summary>
public sealed record DrugSplit(string Unit, int PerPack, Money Price)
{
    public const int MaxPerPack = 1000;

    public static string? Problem(string? unit, int perPack, Money price, Money packPrice)
    {
        var u = unit?.Trim() ?? "";
        if (u.Length is 0 or > 4 || u.Any(char.IsControl)) return "拆零单位应为 1 到 4 个字（如 片、粒、袋）。";
        if (perPack is < 2 or > MaxPerPack) return $"拆零数量（每盒含多少{u}）应在 2 到 {MaxPerPack} 之间。";
        if (price.Fen <= 0 || price > packPrice) return $"拆零价应大于 0 且不高于整盒零售价 {packPrice}。";
        return null;
    }
}
