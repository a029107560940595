using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Staff;

public enum SignInOutcome
{
    Succeeded,
    WrongPassword,
    /// <summary>Too many wrong passwords: no password is even checked until the lock ends.</summary>
    LockedOut,
    Disabled,
}

/// <summary>
/// A member of staff who signs in at the till. The password hash is made and checked outside the
/// domain (the framework's hasher); the rules about failures, locks and forced changes live here.
/// </summary>
public sealed class StaffAccount
{
    /// <summary>
    /// Wrong passwords from all clients together, since the last good one, before the account
    /// itself locks. Each client is held back after <see cref="SignInThrottle.FreeFailures"/>, so
    /// only many clients guessing at once reach this; one guesser cannot lock the manager out.
    /// </summary>
    public const int AccountLockFailures = 20;
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);

    private StaffAccount() { }

    public long Id { get; private set; }
    public int StoreId { get; private set; }
    public string UserName { get; private set; } = "";
    public string DisplayName { get; private set; } = "";
    public StaffRole Role { get; private set; }
    public string PasswordHash { get; private set; } = "";
    /// <summary>Set for a first-run or reset password: nothing but the change-password page until it is changed.</summary>
    public bool MustChangePassword { get; private set; }
    public int FailedSignIns { get; private set; }
    public DateTimeOffset? LockedUntil { get; private set; }
    public bool Disabled { get; private set; }
    /// <summary>Changes with the password, role or status, so a sign-in issued before is no longer honoured.</summary>
    public string SecurityStamp { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static Result<StaffAccount> Create(int storeId, string? userName, string? displayName, StaffRole role,
        string passwordHash, bool mustChangePassword, DateTimeOffset now)
    {
        var name = userName?.Trim() ?? "";
        if (name.Length is < 3 or > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
            return new PosError("USER_NAME_INVALID", "账号应为 3 到 32 位字母、数字或 . _ -。");
        var display = displayName?.Trim() ?? "";
        if (display.Length is < 1 or > 30) return new PosError("DISPLAY_NAME_INVALID", "请填写姓名（1 到 30 个字）。");
        return new StaffAccount
        {
            StoreId = storeId, UserName = name.ToLowerInvariant(), DisplayName = display, Role = role, PasswordHash = passwordHash,
            MustChangePassword = mustChangePassword, SecurityStamp = NewStamp(), CreatedAt = now,
        };
    }

    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// What an attempt comes to. A locked or disabled account says so whatever the password; the
    /// failure count itself is kept by the database, atomically (<see cref="LocksAfter"/> decides).
    /// </summary>
    public SignInOutcome Check(bool passwordMatches, DateTimeOffset now)
    {
        if (Disabled) return SignInOutcome.Disabled;
        if (IsLocked(now)) return SignInOutcome.LockedOut;
        return passwordMatches ? SignInOutcome.Succeeded : SignInOutcome.WrongPassword;
    }

    /// <summary>Does the count of failures since the last good password lock the account?</summary>
    public static bool LocksAfter(int failedSignIns) => failedSignIns >= AccountLockFailures;

    public void ChangePassword(string newHash)
    {
        PasswordHash = newHash;
        MustChangePassword = false;
        SecurityStamp = NewStamp();
    }

    /// <summary>An administrator sets a temporary password; its holder must choose their own at next sign-in.</summary>
    public void ResetPassword(string temporaryHash)
    {
        PasswordHash = temporaryHash;
        MustChangePassword = true;
        FailedSignIns = 0;
        LockedUntil = null;
        SecurityStamp = NewStamp();
    }

    public void SetDisabled(bool disabled)
    {
        Disabled = disabled;
        SecurityStamp = NewStamp();
    }

    public void ChangeRole(StaffRole role)
    {
        Role = role;
        SecurityStamp = NewStamp();
    }

    /// <summary>The hasher's newer format: same password, stronger hash; nothing else changes.</summary>
    public void RehashPassword(string newHash) => PasswordHash = newHash;

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
