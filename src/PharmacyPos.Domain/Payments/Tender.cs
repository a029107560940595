namespace PharmacyPos.Domain.Payments;

/// <summary>
/// What the buyer presented at the counter, carried whole from the scan to the channel: a phone's
/// payment code (its wallet known), or a physical social-security card read or typed at the till.
/// </summary>
public abstract record Tender
{
    private Tender() { }

    /// <summary>What goes on the wire: auth_code, or the platform's mdtrt_cert_no.</summary>
    public abstract string Presented { get; }

    /// <summary>A scanned Alipay/WeChat code (for insurance, the electronic voucher, certificate type 01).</summary>
    public sealed record PhoneCode(PaymentCode Code) : Tender
    {
        public override string Presented => Code.Value;
        public override string ToString() => $"PhoneCode {{ {Code.Wallet} {Code.Masked} }}";
    }

    /// <summary>The physical card in the reader (certificate type 03).</summary>
    public sealed record SocialSecurityCard(string Number) : Tender
    {
        public override string Presented => Number;
        public override string ToString() => $"SocialSecurityCard {{ ****{Number[^Math.Min(4, Number.Length)..]} }}";
    }
}
