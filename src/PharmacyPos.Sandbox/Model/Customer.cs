using PharmacyPos.Domain;

namespace PharmacyPos.Sandbox.Model;

/// <summary>The electronic social-security card bound in a customer's Alipay/WeChat.</summary>
public sealed class BoundCard
{
    public required string PsnNo { get; init; }
    public required string Name { get; init; }
    /// <summary>Resident ID number of the insured person.</summary>
    public required string CertNo { get; init; }
    /// <summary>社保编码: also what the physical card's reader sends.</summary>
    public required string SocialSecurityNo { get; init; }
    public Money Balance { get; set; }
}

/// <summary>A sandbox customer: a phone with wallets and perhaps a bound card.</summary>
public sealed class Customer
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Null: no Alipay on this phone.</summary>
    public Money? AlipayBalance { get; set; }
    public Money? WeChatBalance { get; set; }
    public BoundCard? Card { get; set; }
    /// <summary>Confirms every payment by itself, after <see cref="ConfirmDelay"/>.</summary>
    public bool AutoConfirm { get; set; }
    public TimeSpan ConfirmDelay { get; set; }
}
