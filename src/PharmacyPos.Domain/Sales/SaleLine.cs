using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// One drug of one batch on the sale, at the price it had when it was entered: by the box, or
/// 拆零 — by its split unit (片, 粒) at its split price.
/// </summary>
public sealed class SaleLine
{
    internal SaleLine(Drug drug, int quantity, LineBatch? batch, bool split = false)
    {
        if (split && drug.Split is null) throw new ArgumentException("Only a drug with a split unit is sold split.", nameof(split));
        Drug = drug;
        Batch = batch;
        IsSplit = split;
        UnitPrice = split ? drug.SplitPrice!.Value : drug.RetailPrice;
        Quantity = quantity;
    }

    public Drug Drug { get; }
    /// <summary>The batch the boxes come from; null only for a store that sells without stock records (缺货仅提示).</summary>
    public LineBatch? Batch { get; }
    /// <summary>拆零: sold by <see cref="Drug.SplitUnit"/> from an opened box.</summary>
    public bool IsSplit { get; }
    public Money UnitPrice { get; }
    public int Quantity { get; internal set; }
    public Money Amount => UnitPrice * Quantity;

    /// <summary>The unit the quantity counts: the box's, or the split unit's.</summary>
    public string Unit => IsSplit ? Drug.SplitUnit! : Drug.Unit;

    /// <summary>
    /// How many of the stock's units one of this line's quantity is: a drug sold split keeps its
    /// stock in split units, so its box is <see cref="DrugSplit.PerPack"/> of them.
    /// </summary>
    public int UnitsPerQuantity => UnitsPer(Drug, IsSplit);

    public int StockUnits => Quantity * UnitsPerQuantity;

    public static int UnitsPer(Drug drug, bool split) => !split && drug.Split is { } s ? s.PerPack : 1;
}
