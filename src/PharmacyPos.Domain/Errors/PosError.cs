namespace PharmacyPos.Domain.Errors;

/// <summary>
/// An expected failure a cashier can see: a stable code for logs and the API, and the one
/// Chinese sentence the screen shows.
/// </summary>
public sealed record PosError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
