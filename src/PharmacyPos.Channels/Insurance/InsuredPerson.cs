using PharmacyPos.Domain;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Settlement;

namespace PharmacyPos.Channels.Insurance;

/// <summary>The insured person behind a code or card (1101).</summary>
public sealed record InsuredPerson(string PsnNo, string Name, string CertNo, string InsuType, Money AccountBalance)
{
    public PlatformAnswer.Bound AsBound() => new(PsnNo, Name, AccountBalance);

    /// <summary>Masked, should a lookup or a payment ever be written to a log: never the whole 社保编码 or ID number.</summary>
    public override string ToString() =>
        $"InsuredPerson {{ PsnNo = ****{PsnNo[^Math.Min(4, PsnNo.Length)..]}, CertNo = ****, InsuType = {InsuType}, AccountBalance = {AccountBalance} }}";
}

public abstract record PersonLookup
{
    private PersonLookup() { }

    /// <summary>What the settlement route is decided on; null when the platform gave no usable answer.</summary>
    public PlatformAnswer? AsPlatformAnswer() => this switch
    {
        Found f => f.Person.AsBound(),
        NotBound => new PlatformAnswer.NotBound(),
        _ => null,
    };

    public sealed record Found(InsuredPerson Person) : PersonLookup;
    public sealed record NotBound(string Detail) : PersonLookup;
    public sealed record Invalid(string Detail) : PersonLookup;
    public sealed record Unknown(string Reason) : PersonLookup;
}

/// <summary>How the buyer identifies to the platform (mdtrt_cert_type).</summary>
public enum CertificateType
{
    /// <summary>01: the electronic voucher, i.e. the scanned Alipay/WeChat code of a bound card.</summary>
    ElectronicVoucher,
    /// <summary>03: the physical social-security card.</summary>
    SocialSecurityCard,
    /// <summary>02: the resident ID card's number.</summary>
    ResidentId,
}

/// <summary>The platform's answer to "who is behind this code or card".</summary>
/// <summary>A settlement from the personal account of a person the till has already looked up (1101): its route was decided on that answer.</summary>
public sealed record InsuranceSettlement(ChannelPayment Payment, InsuredPerson Person);

public interface IInsurancePlatform
{
    /// <summary>2101 → 2102 for <see cref="InsuranceSettlement.Person"/>, without asking 1101 again.</summary>
    Task<ChannelOutcome> SettleAsync(InsuranceSettlement settlement, CancellationToken ct = default);

    Task<PersonLookup> FindPersonAsync(string certNo, CertificateType type, CancellationToken ct = default);

    /// <summary>3201: our day totals against the platform's; null when it could not answer.</summary>
    Task<(bool? Balanced, string Detail)> ReconcileDayAsync(DateOnly day, Money total, Money accountPaid, int count, CancellationToken ct = default);

    /// <summary>9002: ends this till's sign-in at the business day's end.</summary>
    Task SignOutAsync(CancellationToken ct = default);
}

public static class Certificates
{
    /// <summary>The platform's mdtrt_cert_type for what the buyer presented: a phone's code is the electronic voucher (01), a card is 03.</summary>
    public static CertificateType Of(Tender tender) =>
        tender is Tender.SocialSecurityCard ? CertificateType.SocialSecurityCard : CertificateType.ElectronicVoucher;
}
