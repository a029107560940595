namespace PharmacyPos.Data.Stock;

/// <summary>
/// Each batch's stock as a running balance beside the ledger, kept by the database itself: a
/// trigger on <c>stock_movements</c> adds every inserted movement to its batch's <c>OnHand</c> in
/// the same statement (so in the transaction of the order's paid state, and whoever inserts it),
/// and the ledger is append-only. Reading stock then costs one row per batch however many sales
/// the batch has seen; the crash harness and the data tests check the balance against the sum.
/// </summary>
public static class StockBalances
{
    /// <summary>The balance's column, a shadow property: the domain's stock is the ledger's sum and knows no balance.</summary>
    public const string OnHand = "OnHand";
}
