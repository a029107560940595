using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Domain.Sales;

/// <summary>One drug on the sale, at the price it had when it was entered.</summary>
public sealed class SaleLine
{
    internal SaleLine(Drug drug, int quantity)
    {
        Drug = drug;
        UnitPrice = drug.RetailPrice;
        Quantity = quantity;
    }

    public Drug Drug { get; }
    public Money UnitPrice { get; }
    public int Quantity { get; internal set; }
    public Money Amount => UnitPrice * Quantity;
}
