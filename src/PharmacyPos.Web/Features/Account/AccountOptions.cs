namespace PharmacyPos.Web.Features.Account;

public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Demo mode: seed the documented cashier and manager (README). Off for a real store.</summary>
    public bool SeedDemo { get; set; }

    /// <summary>How long "this sign-in still stands" is believed before the account is read again.</summary>
    public double SessionRecheckSeconds { get; set; } = 30;

    /// <summary>How often an open till (a Blazor circuit, which makes no new requests) asks whether its sign-in still stands.</summary>
    public double CircuitRecheckSeconds { get; set; } = 60;

    /// <summary>
    /// While the database cannot be reached, a sign-in confirmed within this many minutes stands:
    /// a till mid-sale is not signed out by a database restart, and a disabled account still ends
    /// within this bound once it is back.
    /// </summary>
    public double DatabaseOutageGraceMinutes { get; set; } = 10;

    /// <summary>Sign-in attempts one address may make a minute, whatever the user names.</summary>
    public int SignInsPerMinutePerAddress { get; set; } = 20;
}
