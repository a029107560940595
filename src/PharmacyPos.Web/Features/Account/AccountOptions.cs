namespace PharmacyPos.Web.Features.Account;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Demo mode: seed the documented cashier and manager (README). Off for a real store.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>How long "this sign-in still stands" is believed before the account is read again.</summary>
    public double SessionRecheckSeconds { get; set; } = 30;

    /// <summary>Sign-in attempts one address may make a minute, whatever the user names.</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 20;
}
