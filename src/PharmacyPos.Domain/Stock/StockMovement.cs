namespace PharmacyPos.Domain.Stock;

public enum MovementKind
{
    /// <summary>入库</summary>
    Received = 1,
    /// <summary>销售</summary>
    Sold = 2,
    /// <summary>退货: a refunded sale's boxes back to their batch.</summary>
    Returned = 3,
    /// <summary>盘点调整</summary>
    Counted = 4,
}

public static class MovementKindNames
{
    public static string ToChinese(this MovementKind kind) => kind switch
    {
        MovementKind.Received => "入库",
        MovementKind.Sold => "销售",
        MovementKind.Returned => "退货",
        MovementKind.Counted => "盘点调整",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>One row of the stock ledger: stock is never stored, it is the sum of these.</summary>
public sealed class StockMovement
{
    private StockMovement() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public long BatchId { get; private set; }
    /// <summary>Set when the movement is made with its batch, so a new batch and its receipt are saved together.</summary>
    public StockBatch? Batch { get; private set; }
    public MovementKind Kind { get; private set; }
    /// <summary>Smallest sellable units: positive in, negative out.</summary>
    public int Quantity { get; private set; }
    public string? TradeNo { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string By { get; private set; } = "";

    public static StockMovement Receive(StockBatch batch, int quantity, DateTimeOffset at, string by) =>
        quantity > 0 ? new() { StoreId = batch.StoreId, BatchId = batch.Id, Batch = batch, Kind = MovementKind.Received, Quantity = quantity, At = at, By = by }
            : throw new ArgumentOutOfRangeException(nameof(quantity), "A receipt brings a positive quantity.");

    /// <summary>销售: boxes leave their batch as the order is paid (a shortfall may take the batch below zero).</summary>
    public static StockMovement Sell(int storeId, long batchId, int quantity, string tradeNo, DateTimeOffset at, string by) =>
        Out(MovementKind.Sold, storeId, batchId, -quantity, tradeNo, at, by);

    /// <summary>退货: a refunded order's boxes go back to the batch they came from.</summary>
    public static StockMovement Return(int storeId, long batchId, int quantity, string tradeNo, DateTimeOffset at, string by) =>
        Out(MovementKind.Returned, storeId, batchId, quantity, tradeNo, at, by);

    /// <summary>盘点调整: what the shelf holds less what the ledger says.</summary>
    public static StockMovement Count(StockBatch batch, int difference, DateTimeOffset at, string by) =>
        difference != 0 ? new() { StoreId = batch.StoreId, BatchId = batch.Id, Kind = MovementKind.Counted, Quantity = difference, At = at, By = by }
            : throw new ArgumentOutOfRangeException(nameof(difference), "A count that changes nothing is not a movement.");

    private static StockMovement Out(MovementKind kind, int storeId, long batchId, int quantity, string tradeNo, DateTimeOffset at, string by) =>
        quantity != 0 ? new() { StoreId = storeId, BatchId = batchId, Kind = kind, Quantity = quantity, TradeNo = tradeNo, At = at, By = by }
            : throw new ArgumentOutOfRangeException(nameof(quantity));
}
