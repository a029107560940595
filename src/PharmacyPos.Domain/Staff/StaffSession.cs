using System.Security.Cryptography;

namespace PharmacyPos.Domain.Staff;

/// <summary>
/// One sign-in, as the server knows it. The cookie names its session; signing out ends the
/// session here, so a copy of the cookie (a shared machine, a browser extension) stops working
/// at once instead of living out its 12 hours.
/// </summary>
public sealed class StaffSession
{
    private StaffSession() { }

    /// <summary>128 random bits as hex: not guessable, not derived from anything.</summary>
    public string Id { get; private set; } = "";
    public long AccountId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }

    public bool IsOpen => EndedAt is null;

    public static StaffSession Start(long accountId, DateTimeOffset now) =>
        new() { Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), AccountId = accountId, StartedAt = now };

    public void End(DateTimeOffset now) => EndedAt ??= now;
}
