namespace PharmacyPos.Checkout.Printing;

/// <summary>The till's receipt printer, when it has a network one (raw TCP, port 9100 by default).</summary>
public sealed class PrinterOptions
{
    public const string Section = "Printer";

    /// <summary>host or host:port of an ESC/POS printer; empty: receipts print through the browser.</summary>
    public string Address { get; set; } = "";

    /// <summary>58 or 80 (mm): 32 or 48 columns, and the browser layout's page size.</summary>
    public int PaperWidthMm { get; set; } = 80;

    public double TimeoutSeconds { get; set; } = 3;

    public bool IsConfigured => Address.Length > 0;

    public (string Host, int Port) Endpoint =>
        Address.LastIndexOf(':') is var i and > 0 && int.TryParse(Address[(i + 1)..], out var port) ? (Address[..i], port) : (Address, 9100);
}
