using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Sales;

/// <summary>A parked line: the drug, the lot it had, how many.</summary>
public sealed record ParkedItem(string DrugCode, string? LotNo, int Quantity, bool Split = false);

/// <summary>
/// 挂单: a sale set aside while its customer steps away, so the till can serve the next one; kept
/// in the database (a restart does not lose it) until 取单 brings it back, lines re-entered
/// against today's catalogue and stock.
/// </summary>
public sealed class ParkedSale
{
    /// <summary>A till with more set aside than this has forgotten some: 取单 or delete them first.</summary>
    public const int MaxPerTerminal = 20;

    private ParkedSale() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string TerminalId { get; private set; } = "";
    public string? Cashier { get; private set; }
    public DateTimeOffset ParkedAt { get; private set; }
    public Money Total { get; private set; }
    /// <summary>件数 and the first drug's name, for the list the cashier picks from.</summary>
    public int ItemCount { get; private set; }
    public string Summary { get; private set; } = "";
    public IReadOnlyList<ParkedItem> Items { get; private set; } = [];

    public static Result<ParkedSale> Park(Sale sale, int storeId, string terminalId, string? cashier, DateTimeOffset now)
    {
        if (sale.IsEmpty) return new PosError("NOTHING_TO_PARK", "尚未录入药品，无需挂单。");
        return new ParkedSale
        {
            StoreId = storeId, TerminalId = terminalId, Cashier = cashier, ParkedAt = now, Total = sale.Total, ItemCount = sale.ItemCount,
            Summary = sale.Lines.Count == 1 ? sale.Lines[0].Drug.Name : $"{sale.Lines[0].Drug.Name}等{sale.Lines.Count}种",
            Items = [.. sale.Lines.Select(l => new ParkedItem(l.Drug.Code, l.Batch?.LotNo, l.Quantity, l.IsSplit))],
        };
    }
}
