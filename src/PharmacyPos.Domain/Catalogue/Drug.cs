namespace PharmacyPos.Domain.Catalogue;

/// <summary>
/// A drug as the pharmacy sells it. <see cref="NationalCode"/> is the 对码 result: the national
/// medical-insurance catalogue code it maps to, or null when the drug is 未对码.
/// </summary>
public sealed class Drug
{
    private Drug() => Code = Barcode = Name = Specification = Manufacturer = Unit = PinyinInitials = "";

    public Drug(
        string code,
        string barcode,
        string name,
        string specification,
        string manufacturer,
        string unit,
        Money retailPrice,
        string pinyinInitials,
        string? nationalCode,
        bool whollySelfPaid,
        InsuranceCategory? category,
        DrugClass drugClass = DrugClass.OtcB,
        bool containsEphedrine = false,
        DrugSplit? split = null)
    {
        Code = code.Trim();
        Barcode = barcode.Trim();
        Name = name.Trim();
        Specification = specification.Trim();
        Manufacturer = manufacturer.Trim();
        Unit = unit.Trim();
        RetailPrice = retailPrice;
        PinyinInitials = pinyinInitials.Trim().ToUpperInvariant();
        NationalCode = string.IsNullOrWhiteSpace(nationalCode) ? null : nationalCode.Trim();
        WhollySelfPaid = whollySelfPaid;
        Category = category;
        Class = drugClass;
        ContainsEphedrine = containsEphedrine;
        SplitUnit = split?.Unit.Trim();
        SplitsPerPack = split?.PerPack;
        SplitPrice = split?.Price;
    }

    public int Id { get; private set; }

    /// <summary>自编码: the pharmacy's own drug code (medins_list_codg on the insurance wire).</summary>
    public string Code { get; private set; }
    public string Barcode { get; private set; }
    public string Name { get; private set; }
    public string Specification { get; private set; }
    public string Manufacturer { get; private set; }
    public string Unit { get; private set; }
    public Money RetailPrice { get; private set; }
    public string PinyinInitials { get; private set; }
    public string? NationalCode { get; private set; }
    public bool WhollySelfPaid { get; private set; }
    public InsuranceCategory? Category { get; private set; }

    /// <summary>处方药 / 甲类 / 乙类非处方药.</summary>
    public DrugClass Class { get; private set; } = DrugClass.OtcB;
    /// <summary>含麻黄碱类复方制剂: sold only with the buyer's ID registered, a few smallest packages at a time.</summary>
    public bool ContainsEphedrine { get; private set; }
    /// <summary>拆零单位 (片, 粒…), null for a drug sold only by the box.</summary>
    public string? SplitUnit { get; private set; }
    public int? SplitsPerPack { get; private set; }
    public Money? SplitPrice { get; private set; }

    public bool IsPrescription => Class == DrugClass.Prescription;
    public DrugSplit? Split => SplitUnit is { } u && SplitsPerPack is { } n && SplitPrice is { } p ? new DrugSplit(u, n, p) : null;

    /// <summary>未对码: not mapped to the national catalogue.</summary>
    public bool IsUnmapped => NationalCode is null;

    /// <summary>注意事项 2: only mapped, not wholly self-paid drugs may be paid from the insurance account.</summary>
    public bool IsInsuranceEligible => !IsUnmapped && !WhollySelfPaid;

    /// <summary>What the cashier sees in the grid's 医保 column.</summary>
    public string InsuranceLabel =>
        IsUnmapped ? "未对码" : WhollySelfPaid ? "全自费" : Category is { } c ? c.ToChinese() + "类" : "已对码";

    /// <summary>
    /// The dearest box a till sells: far above any retail drug (the dearest DTP drugs cost tens of
    /// thousands), far below where a sale's sums could overflow or a channel refuse the amount.
    /// </summary>
    public static readonly Money MaxRetailPrice = Money.FromYuan(100_000m);

    public static bool IsValidPrice(Money price) => price.Fen > 0 && price <= MaxRetailPrice;

    public void ChangePrice(Money price)
    {
        if (!IsValidPrice(price)) throw new ArgumentOutOfRangeException(nameof(price), "A retail price is above zero and at most MaxRetailPrice.");
        RetailPrice = price;
    }

    /// <summary>Overwrites everything but the identity, for a catalogue re-import of the same code.</summary>
    public void UpdateFrom(Drug other)
    {
        Barcode = other.Barcode;
        Name = other.Name;
        Specification = other.Specification;
        Manufacturer = other.Manufacturer;
        Unit = other.Unit;
        RetailPrice = other.RetailPrice;
        PinyinInitials = other.PinyinInitials;
        NationalCode = other.NationalCode;
        WhollySelfPaid = other.WhollySelfPaid;
        Category = other.Category;
        Class = other.Class;
        ContainsEphedrine = other.ContainsEphedrine;
        SplitUnit = other.SplitUnit;
        SplitsPerPack = other.SplitsPerPack;
        SplitPrice = other.SplitPrice;
    }
}
