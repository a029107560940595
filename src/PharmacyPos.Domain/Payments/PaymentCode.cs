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
/// Anything else is what a scanner sends when other software swallowed part of the scan
/// (注意事项 4), so it is refused before any channel is called.
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
        if (code.Length == 0 || !code.All(char.IsAsciiDigit)) return PaymentErrors.CodeIncomplete;
        var prefix = int.Parse(code.AsSpan(0, Math.Min(2, code.Length)));
        if (code.Length == 18 && prefix is >= 10 and <= 15) return new PaymentCode(code, Wallet.WeChat);
        if (code.Length is >= 16 and <= 24 && prefix is >= 25 and <= 30) return new PaymentCode(code, Wallet.Alipay);
        return PaymentErrors.CodeIncomplete;
    }

    /// <summary>Logs and screens show only the ends of a code: it is a bearer instrument for a minute.</summary>
    public string Masked => Value.Length <= 8 ? "****" : $"{Value[..4]}****{Value[^4..]}";

    public override string ToString() => Masked;
}
