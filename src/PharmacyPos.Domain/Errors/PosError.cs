namespace PharmacyPos.Domain.Errors;

/// <summary>
/// An expected failure a cashier can see: a stable code for logs and the API, and the one
/// Chinese sentence the screen shows.
/// </summary>
/// <param name="Kind">What sort of failure: the API's HTTP status follows from it where the endpoint does not decide.</param>
public sealed record PosError(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public override string ToString() => $"{Code}: {Message}";
}

public enum ErrorKind
{
    /// <summary>The request or the cashier's entry is wrong; correcting it helps.</summary>
    Invalid,
    NotFound,
    /// <summary>The record moved on (another terminal, a second click).</summary>
    Conflict,
    Forbidden,
    /// <summary>A part the POS depends on (the database, a channel) cannot serve now; the same request may work later.</summary>
    Unavailable,
}
