using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// 拆零记录 (GSP《药品经营质量管理规范》第一百七十条: 药品拆零销售应当做好拆零销售记录, 内容包括拆零起止日期、
/// 药品的通用名称、规格、批号、生产厂商、有效期、销售数量、销售日期等): one row per split line, written with the order.
/// The cashier is the order's.
/// </summary>
public sealed class SplitSale
{
    private SplitSale() { }

    public long Id { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset SoldAt { get; private set; }
    public string DrugCode { get; private set; } = "";
    public string DrugName { get; private set; } = "";
    public string Specification { get; private set; } = "";
    public string Manufacturer { get; private set; } = "";
    public string? LotNo { get; private set; }
    public DateOnly? ExpiresOn { get; private set; }
    public int Quantity { get; private set; }
    public string Unit { get; private set; } = "";

    internal static SplitSale For(Sales.SaleLine line, TradeNo tradeNo, int storeId, DateTimeOffset at) => new()
    {
        TradeNo = tradeNo, StoreId = storeId, SoldAt = at,
        DrugCode = line.Drug.Code, DrugName = line.Drug.Name, Specification = line.Drug.Specification, Manufacturer = line.Drug.Manufacturer,
        LotNo = line.Batch?.LotNo, ExpiresOn = line.Batch?.ExpiresOn, Quantity = line.Quantity, Unit = line.Unit,
    };
}
