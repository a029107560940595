using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// One row of the 含麻黄碱药品销售登记: date, drug, 规格, quantity, 生产厂家, 批号, and the buyer's
/// name and ID number (sealed in the database like every other ID number). Written with the order.
/// </summary>
public sealed class EphedrineSale
{
    private EphedrineSale() { }

    public long Id { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset SoldAt { get; private set; }
    public string DrugCode { get; private set; } = "";
    public string DrugName { get; private set; } = "";
    public string Specification { get; private set; } = "";
    public string Manufacturer { get; private set; } = "";
    public int Quantity { get; private set; }
    public string Unit { get; private set; } = "";
    public string? LotNo { get; private set; }
    public string BuyerName { get; private set; } = "";
    public string BuyerId { get; private set; } = "";

    public string BuyerIdMasked => ResidentId.TryParse(BuyerId, out var id) ? id.Masked : "";

    internal static EphedrineSale For(Sales.SaleLine line, EphedrineBuyer buyer, TradeNo tradeNo, int storeId, DateTimeOffset at) => new()
    {
        TradeNo = tradeNo, StoreId = storeId, SoldAt = at,
        DrugCode = line.Drug.Code, DrugName = line.Drug.Name, Specification = line.Drug.Specification, Manufacturer = line.Drug.Manufacturer,
        Quantity = line.Quantity, Unit = line.Drug.Unit, LotNo = line.Batch?.LotNo, BuyerName = buyer.Name, BuyerId = buyer.Id.Value,
    };
}
