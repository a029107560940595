using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PharmacyPos.Data;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Staff;

/// <summary>A member of staff who proved who they are.</summary>
public sealed record SignedIn(long AccountId, Actor Actor, string SecurityStamp, bool MustChangePassword);

/// <summary>
/// Sign-in, passwords and accounts. Passwords are hashed with the framework's hasher (PBKDF2);
/// every attempt, good or bad, is in the audit log; wrong passwords lock the account
/// (<see cref="StaffAccount.MaxFailures"/>), whether they were typed at sign-in or as a manager's approval.
/// </summary>
public sealed class StaffAccounts(PosDbContext db, IPasswordHasher<StaffAccount> hasher, TimeProvider clock, ILogger<StaffAccounts> log)
{
    public static readonly PosError WrongCredentials = new("SIGN_IN_FAILED", "账号或密码不正确。");
    public static readonly PosError NotAllowed = new("FORBIDDEN", "只有管理员可以管理账号。");
    public static readonly PosError Disabled = new("ACCOUNT_DISABLED", "该账号已停用，请联系管理员。");
    public static PosError Locked(DateTimeOffset until) =>
        new("ACCOUNT_LOCKED", $"密码错误次数过多，账号已锁定，请于 {Domain.BeijingTime.From(until):HH:mm} 后再试，或联系管理员重置。");

    public async Task<Result<SignedIn>> SignInAsync(string? userName, string? password, CancellationToken ct = default)
    {
        var (name, account, outcome) = await AttemptAsync(userName, password, ct);
        var now = clock.GetUtcNow();
        if (account is null)
        {
            // Same answer as a wrong password: the screen does not tell a guesser which accounts exist.
            db.AddAudit(AuditActions.SignInFailed, detail: $"账号“{name}”不存在", actor: new Actor(name, "未知", null));
            await db.SaveChangesAsync(ct);
            log.LogWarning("Sign-in refused: no account {UserName}", name);
            return WrongCredentials;
        }
        var actor = Actor.For(account);
        db.AddAudit(outcome switch
        {
            SignInOutcome.Succeeded => AuditActions.SignIn,
            SignInOutcome.LockedOut => AuditActions.SignInLocked,
            _ => AuditActions.SignInFailed,
        }, detail: outcome switch
        {
            SignInOutcome.WrongPassword => $"密码错误（连续第 {account.FailedSignIns} 次）",
            SignInOutcome.LockedOut => $"账号锁定至 {account.LockedUntil:O}",
            SignInOutcome.Disabled => "账号已停用",
            _ => null,
        }, actor: actor);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Sign-in of {UserName} ({Role}): {Outcome}", account.UserName, account.Role, outcome);
        return outcome switch
        {
            SignInOutcome.Succeeded => new SignedIn(account.Id, actor, account.SecurityStamp, account.MustChangePassword),
            SignInOutcome.LockedOut => Locked(account.LockedUntil ?? now),
            SignInOutcome.Disabled => Disabled,
            _ => WrongCredentials,
        };
    }

    /// <summary>
    /// A manager's credentials typed into a cashier's 回退 pop-up. Wrong ones count towards the
    /// manager's lock like a wrong sign-in, and are in the audit log against the 交易号.
    /// </summary>
    public async Task<Result<Actor>> VerifyApproverAsync(string? userName, string? password, string tradeNo, CancellationToken ct = default)
    {
        var (name, account, outcome) = await AttemptAsync(userName, password, ct);
        var now = clock.GetUtcNow();
        var approver = account is null ? null : Actor.For(account);
        var refused = outcome switch
        {
            SignInOutcome.Succeeded => Domain.Refunds.RefundApproval.CheckApprover(approver!, db.Actor),
            SignInOutcome.LockedOut => Locked(account!.LockedUntil ?? now),
            SignInOutcome.Disabled => Disabled,
            _ => Domain.Refunds.RefundApproval.WrongCredentials,
        };
        if (refused is not null)
        {
            db.AddAudit(AuditActions.RefundApprovalRefused, tradeNo, detail: $"批准人“{name}”：{refused.Message}");
            await db.SaveChangesAsync(ct);
            log.LogWarning("Refund of {TradeNo}: approval by {Approver} refused ({Code})", tradeNo, name, refused.Code);
            return refused;
        }
        return approver!;
    }

    /// <summary>Is this sign-in still the account's (same stamp, not disabled)? Changed passwords and roles end old sessions.</summary>
    public async Task<Actor?> CurrentAsync(long accountId, string securityStamp, CancellationToken ct = default)
    {
        var account = await db.StaffAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        return account is { Disabled: false } && account.SecurityStamp == securityStamp ? Actor.For(account) : null;
    }

    public async Task<Result<SignedIn>> ChangePasswordAsync(long accountId, string? current, string? next, string? repeat, CancellationToken ct = default)
    {
        var account = await db.StaffAccounts.SingleAsync(a => a.Id == accountId, ct);
        if (!Verify(account, current)) return new PosError("PASSWORD_CURRENT_WRONG", "当前密码不正确。");
        if (next != repeat) return new PosError("PASSWORD_MISMATCH", "两次输入的新密码不一致。");
        if (PasswordRule.Check(next, account.UserName) is { } weak) return weak;
        if (next == current) return new PosError("PASSWORD_UNCHANGED", "新密码不能与当前密码相同。");
        account.ChangePassword(hasher.HashPassword(account, next!));
        db.AddAudit(AuditActions.PasswordChanged, actor: Actor.For(account));
        await db.SaveChangesAsync(ct);
        log.LogInformation("{UserName} changed their password", account.UserName);
        return new SignedIn(account.Id, Actor.For(account), account.SecurityStamp, false);
    }

    public Task<List<StaffAccount>> ListAsync(CancellationToken ct = default) =>
        db.StaffAccounts.AsNoTracking().OrderBy(a => a.Role).ThenBy(a => a.UserName).ToListAsync(ct);

    /// <summary>An administrator adds someone; they choose their own password at first sign-in.</summary>
    public async Task<Result<string>> CreateAsync(int storeId, string? userName, string? displayName, StaffRole role, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.Administer)) return NotAllowed;
        var temporary = TemporaryPassword();
        var created = StaffAccount.Create(storeId, userName, displayName, role, "", mustChangePassword: true, clock.GetUtcNow());
        if (!created.IsSuccess) return created.Error;
        var account = created.Value;
        if (await db.StaffAccounts.AnyAsync(a => a.UserName == account.UserName, ct))
            return new PosError("USER_NAME_TAKEN", $"账号“{account.UserName}”已存在。");
        account.ResetPassword(hasher.HashPassword(account, temporary));
        db.StaffAccounts.Add(account);
        db.AddAudit(AuditActions.AccountCreated, detail: $"{account.UserName}（{account.DisplayName}，{role.ToChinese()}）");
        await db.SaveChangesAsync(ct);
        return temporary;
    }

    public async Task<Result<string>> ResetPasswordAsync(long accountId, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.Administer)) return NotAllowed;
        var account = await db.StaffAccounts.SingleAsync(a => a.Id == accountId, ct);
        var temporary = TemporaryPassword();
        account.ResetPassword(hasher.HashPassword(account, temporary));
        db.AddAudit(AuditActions.AccountReset, detail: account.UserName);
        await db.SaveChangesAsync(ct);
        return temporary;
    }

    public async Task<PosError?> SetDisabledAsync(long accountId, bool disabled, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.Administer)) return NotAllowed;
        var account = await db.StaffAccounts.SingleAsync(a => a.Id == accountId, ct);
        if (account.UserName == db.Actor.UserName) return new PosError("ACCOUNT_SELF_DISABLE", "不能停用自己的账号。");
        account.SetDisabled(disabled);
        db.AddAudit(disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, detail: account.UserName);
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>
    /// First start on an empty database: one administrator with a random password, shown once
    /// on the console (and never logged); it must be changed at first sign-in.
    /// </summary>
    public async Task<string?> EnsureAdministratorAsync(int storeId, CancellationToken ct = default)
    {
        if (await db.StaffAccounts.AnyAsync(a => a.Role == StaffRole.Admin, ct)) return null;
        var password = TemporaryPassword();
        var account = StaffAccount.Create(storeId, "admin", "管理员", StaffRole.Admin, "", mustChangePassword: true, clock.GetUtcNow()).Value;
        account.ResetPassword(hasher.HashPassword(account, password));
        db.StaffAccounts.Add(account);
        db.AddAudit(AuditActions.AccountCreated, detail: "admin（首次启动创建的管理员）");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another till of the chain created it at the same moment: its password is the one shown there.
            db.ChangeTracker.Clear();
            return null;
        }
        return password;
    }

    /// <summary>Demo mode: a cashier and a manager with the passwords the README gives, so a trial needs no set-up.</summary>
    public async Task<int> SeedDemoAsync(int storeId, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var (name, display, role, password) in DemoStaff)
        {
            if (await db.StaffAccounts.AnyAsync(a => a.UserName == name, ct)) continue;
            var account = StaffAccount.Create(storeId, name, display, role, "", mustChangePassword: false, clock.GetUtcNow()).Value;
            account.ChangePassword(hasher.HashPassword(account, password));
            db.StaffAccounts.Add(account);
            added++;
        }
        if (added > 0) await db.SaveChangesAsync(ct);
        return added;
    }

    /// <summary>Documented in the README; seeded only when Accounts:SeedDemo is on.</summary>
    public static readonly (string UserName, string DisplayName, StaffRole Role, string Password)[] DemoStaff =
    [
        ("cashier", "演示收银员", StaffRole.Cashier, "shouyin2026"),
        ("manager", "演示店长", StaffRole.Manager, "dianzhang2026"),
    ];

    /// <summary>
    /// One counted attempt: the password is only looked at when the account could sign in at all,
    /// and a wrong one counts towards the lock. An unknown name is a wrong password.
    /// </summary>
    private async Task<(string Name, StaffAccount? Account, SignInOutcome Outcome)> AttemptAsync(string? userName, string? password, CancellationToken ct)
    {
        var name = Truncate(userName?.Trim().ToLowerInvariant() ?? "");
        var account = name.Length == 0 ? null : await db.StaffAccounts.SingleOrDefaultAsync(a => a.UserName == name, ct);
        if (account is null) return (name, null, SignInOutcome.WrongPassword);
        var now = clock.GetUtcNow();
        return (name, account, account.SignIn(!account.IsLocked(now) && !account.Disabled && Verify(account, password), now));
    }

    private bool Verify(StaffAccount account, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > PasswordRule.MaxLength || account.PasswordHash.Length == 0) return false;
        var result = hasher.VerifyHashedPassword(account, account.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded) account.RehashPassword(hasher.HashPassword(account, password));
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>12 characters a person can read out and type: no 0/O or 1/l/I.</summary>
    private static string TemporaryPassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
        const string digits = "23456789";
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = i % 4 == 3 ? digits[RandomNumberGenerator.GetInt32(digits.Length)] : letters[RandomNumberGenerator.GetInt32(letters.Length)];
        return new string(chars);
    }

    private static string Truncate(string name) => name.Length > 32 ? name[..32] : name;
}
