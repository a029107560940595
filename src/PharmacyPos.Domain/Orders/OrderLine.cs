using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Orders;

/// <summary>A sold line, frozen as it was sold: later catalogue edits do not rewrite history.</summary>
public sealed class OrderLine
{
    private OrderLine() { DrugCode = DrugName = Specification = Unit = Manufacturer = ""; }

    public OrderLine(int lineNo, string drugCode, string drugName, string specification, string unit,
        string? nationalCode, bool whollySelfPaid, Money unitPrice, int quantity, string manufacturer = "", LineBatch? batch = null)
    {
        Manufacturer = manufacturer;
        BatchId = batch?.Id;
        LotNo = batch?.LotNo;
        ExpiresOn = batch?.ExpiresOn;
        LineNo = lineNo;
        DrugCode = drugCode;
        DrugName = drugName;
        Specification = specification;
        Unit = unit;
        NationalCode = nationalCode;
        WhollySelfPaid = whollySelfPaid;
        UnitPrice = unitPrice;
        Quantity = quantity;
    }

    public long Id { get; private set; }
    /// <summary>Its order's store: every store-owned row carries it, so a chain can distribute by it.</summary>
    public int StoreId { get; internal set; }
    public int LineNo { get; private set; }
    public string DrugCode { get; private set; }
    public string DrugName { get; private set; }
    public string Specification { get; private set; }
    public string Unit { get; private set; }
    public string? NationalCode { get; private set; }
    public bool WhollySelfPaid { get; private set; }
    public Money UnitPrice { get; private set; }
    public int Quantity { get; private set; }
    public Money Amount => UnitPrice * Quantity;

    /// <summary>生产厂家 as sold (GSP's sales record names it); empty on lines sold before it was kept.</summary>
    public string Manufacturer { get; private set; }
    /// <summary>The batch the boxes left (and a refund returns them to); null when sold without stock records.</summary>
    public long? BatchId { get; private set; }
    public string? LotNo { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }

    /// <summary>拆零: sold by the split unit (<see cref="Unit"/> is then 片, 粒…).</summary>
    public bool IsSplit { get; init; }
    /// <summary>How many stock units one of <see cref="Quantity"/> is (a box of a drug kept in split units is its pack size; otherwise 1).</summary>
    public int UnitsPerQuantity { get; init; } = 1;
    /// <summary>What leaves (and a refund returns to) the batch, in the stock's units.</summary>
    public int StockUnits => Quantity * UnitsPerQuantity;
}
