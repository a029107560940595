using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Payments;

/// <summary>Which wallet a scanned payment code belongs to.</summary>
public enum Wallet
{
    Alipay = 1,
    WeChat = 2,
}

/// <summary>
/// A scanned 付款码. Alipay: digits, prefix 25–30, 16–24 long. WeChat: 18 digits, prefix 10–15.
/// Anything else is refused before any channel is called, and the cashier is told which case it
/// is: nothing scanned; a wallet's code with digits missing or characters mixed in — what a scanner
/// sends when other software swallowed part of the scan (注意事项 4); or a code of no wallet at all
/// (a bank card's, a membership card's).
/// </summary>
public readonly record struct PaymentCode
{
    private PaymentCode(string value, Wallet wallet)
    {
        Value = value;
        Wallet = wallet;
    }

    public string Value { get; }
    public Wallet Wallet { get; }

    public static Result<PaymentCode> Classify(string? scanned)
    {
        var code = scanned?.Trim() ?? "";
        if (code.Length == 0) return PaymentErrors.NothingScanned;
        if (!code.All(char.IsAsciiDigit) || code.Length < 10) return PaymentErrors.CodeIncomplete;
        var prefix = int.Parse(code.AsSpan(0, 2));
        var weChat = prefix is >= 10 and <= 15;
        var alipay = prefix is >= 25 and <= 30;
        if (weChat && code.Length == 18) return new PaymentCode(code, Wallet.WeChat);
        if (alipay && code.Length is >= 16 and <= 24) return new PaymentCode(code, Wallet.Alipay);
        // A wallet's prefix with the wrong length: digits were lost or added on the way from the scanner.
        return weChat || alipay ? PaymentErrors.CodeIncomplete : PaymentErrors.CodeOfNoWallet;
    }

    /// <summary>Logs and screens show only the ends of a code: it is a bearer instrument for a minute.</summary>
    public string Masked => Value.Length <= 8 ? "****" : $"{Value[..4]}****{Value[^4..]}";

    public override string ToString() => Masked;
}
