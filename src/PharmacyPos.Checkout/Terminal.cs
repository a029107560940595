namespace PharmacyPos.Checkout;

/// <summary>Which till this is: the store and terminal every order is written under.</summary>
public sealed class TerminalOptions
{
    public const string Section = "Terminal";

    public int StoreId { get; set; } = 1;

    /// <summary>4-digit store number inside the 交易号.</summary>
    public int StoreNo { get; set; } = 1;

    /// <summary>2-digit terminal number inside the 交易号.</summary>
    public int TerminalNo { get; set; } = 1;

    public string TerminalId => $"T{StoreNo:D4}-{TerminalNo:D2}";
}
