using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Sales;

/// <summary>One drug of one batch on the sale, at the price it had when it was entered.</summary>
public sealed class SaleLine
{
    internal SaleLine(Drug drug, int quantity, LineBatch? batch)
    {
        Drug = drug;
        Batch = batch;
        UnitPrice = drug.RetailPrice;
        Quantity = quantity;
    }

    public Drug Drug { get; }
    /// <summary>The batch the boxes come from; null only for a store that sells without stock records (缺货仅提示).</summary>
    public LineBatch? Batch { get; }
    public Money UnitPrice { get; }
    public int Quantity { get; internal set; }
    public Money Amount => UnitPrice * Quantity;
}
