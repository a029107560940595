using System.Text;
using PharmacyPos.Domain.Receipts;

namespace PharmacyPos.Checkout.Printing;

/// <summary>
/// A receipt as ESC/POS bytes for a Chinese thermal printer: reset, Chinese character mode, the
/// text in GB18030, the heading centred and doubled, the 交易号 as a QR code (GS ( k, model 2), a
/// feed and partial cut, and on a cash sale's first print the cash-drawer pulse (ESC p).
/// </summary>
public static class EscPos
{
    public static readonly byte[] Initialize = [0x1B, 0x40];
    public static readonly byte[] ChineseMode = [0x1C, 0x26];
    public static readonly byte[] FeedAndCut = [0x1D, 0x56, 0x42, 0x03];
    /// <summary>Drawer pin 2, 50 ms on, 500 ms off.</summary>
    public static readonly byte[] DrawerKick = [0x1B, 0x70, 0x00, 0x19, 0xFA];
    /// <summary>DLE EOT 1: the printer's status byte, asked before printing so an off or confused printer is noticed.</summary>
    public static readonly byte[] StatusRequest = [0x10, 0x04, 0x01];

    /// <summary>A status byte from a printer that is there: bits 1 and 4 set, bit 7 clear (ESC/POS DLE EOT n=1); bit 3 set means offline.</summary>
    public static bool IsOnline(byte status) => (status & 0x93) == 0x12 && (status & 0x08) == 0;

    public static Encoding Text { get; } = CodePagesEncoding();

    public static byte[] Receipt(ReceiptPrintout printout, bool openDrawer)
    {
        var bytes = new List<byte>();
        bytes.AddRange(Initialize);
        bytes.AddRange(ChineseMode);
        foreach (var row in printout.Rows)
        {
            bytes.AddRange([0x1B, 0x61, (byte)(row.Centered ? 1 : 0)]);
            if (row.Qr)
            {
                Qr(bytes, row.Text);
                continue;
            }
            if (row.Large) bytes.AddRange([0x1D, 0x21, 0x11]);
            bytes.AddRange(Text.GetBytes(row.Text));
            bytes.Add(0x0A);
            if (row.Large) bytes.AddRange([0x1D, 0x21, 0x00]);
        }
        bytes.AddRange([0x1B, 0x61, 0x00]);
        bytes.AddRange(FeedAndCut);
        if (openDrawer) bytes.AddRange(DrawerKick);
        return [.. bytes];
    }

    private static void Qr(List<byte> bytes, string data)
    {
        var payload = Encoding.ASCII.GetBytes(data);
        bytes.AddRange([0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00]); // model 2
        bytes.AddRange([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x06]);       // module size 6 dots
        bytes.AddRange([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31]);       // error correction M
        var length = payload.Length + 3;
        bytes.AddRange([0x1D, 0x28, 0x6B, (byte)(length % 256), (byte)(length / 256), 0x31, 0x50, 0x30]);
        bytes.AddRange(payload);
        bytes.AddRange([0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30]);       // print it
        bytes.Add(0x0A);
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }
}
