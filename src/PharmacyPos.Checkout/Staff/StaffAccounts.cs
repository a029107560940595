using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PharmacyPos.Data;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Staff;

/// <summary>A member of staff who proved who they are, and the server-side session their cookie names.</summary>
public sealed record SignedIn(long AccountId, Actor Actor, string SecurityStamp, bool MustChangePassword, string SessionId);

/// <summary>
/// Sign-in, passwords and accounts. Passwords are hashed with the framework's hasher (PBKDF2);
/// every attempt, good or bad, is in the audit log. Wrong passwords hold back the client that
/// typed them (<see cref="SignInThrottle"/>), whether at sign-in, as a manager's approval or as
/// the current password on the change-password page; only many clients together lock the account.
/// </summary>
/// <param name="client">Who is trying, as the throttle tells clients apart (a till's browser, an address).</param>
public sealed class StaffAccounts(PosDbContext db, IPasswordHasher<StaffAccount> hasher, SignInThrottle throttle, TimeProvider clock, ILogger<StaffAccounts> log)
{
    public static readonly PosError WrongCredentials = new("SIGN_IN_FAILED", "账号或密码不正确。");
    public static readonly PosError NotAllowed = PosErrors.Forbidden("管理员可以管理账号");
    public static readonly PosError Disabled = new("ACCOUNT_DISABLED", "该账号已停用，请联系管理员。", ErrorKind.Forbidden);
    public static PosError Locked(DateTimeOffset until) =>
        new("ACCOUNT_LOCKED", $"密码错误次数过多，账号已锁定，请于 {Domain.BeijingTime.From(until):HH:mm} 后再试，或联系管理员重置。", ErrorKind.Forbidden);
    public static PosError Delayed(DateTimeOffset until) =>
        new("SIGN_IN_DELAYED", $"密码错误次数过多，请于 {Domain.BeijingTime.From(until):HH:mm:ss} 后再试。", ErrorKind.Forbidden);

    /// <param name="client">Who is trying, as the throttle tells clients apart: the till's browser, or its address.</param>
    public async Task<Result<SignedIn>> SignInAsync(string? userName, string? password, string client, CancellationToken ct = default)
    {
        var (name, account, outcome, retryAt) = await AttemptAsync(userName, password, client, ct);
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
        var session = outcome == SignInOutcome.Succeeded ? db.StaffSessions.Add(StaffSession.Start(account.Id, now)).Entity : null;
        db.AddAudit(outcome switch
        {
            SignInOutcome.Succeeded => AuditActions.SignIn,
            SignInOutcome.LockedOut => AuditActions.SignInLocked,
            _ => AuditActions.SignInFailed,
        }, detail: Describe(outcome, account, retryAt, client), actor: actor);
        await db.SaveChangesAsync(ct);
        log.LogInformation("Sign-in of {UserName} ({Role}): {Outcome}", account.UserName, account.Role, outcome);
        return outcome switch
        {
            SignInOutcome.Succeeded => new SignedIn(account.Id, actor, account.SecurityStamp, account.MustChangePassword, session!.Id),
            _ => Refusal(outcome, account, retryAt, WrongCredentials, now),
        };
    }

    /// <summary>Why an attempt was turned away, most pressing first: the client is held back, the account locked or disabled, or the password wrong.</summary>
    private static PosError Refusal(SignInOutcome outcome, StaffAccount? account, DateTimeOffset? retryAt, PosError wrong, DateTimeOffset now) => outcome switch
    {
        _ when retryAt is { } at => Delayed(at),
        SignInOutcome.LockedOut => Locked(account?.LockedUntil ?? now),
        SignInOutcome.Disabled => Disabled,
        _ => wrong,
    };

    private static string? Describe(SignInOutcome outcome, StaffAccount account, DateTimeOffset? retryAt, string client) => outcome switch
    {
        _ when retryAt is { } at => $"该终端尝试过多，暂缓至 {Domain.BeijingTime.From(at):HH:mm:ss}（{client}）",
        SignInOutcome.WrongPassword => $"密码错误（全部终端累计第 {account.FailedSignIns} 次，{client}）",
        SignInOutcome.LockedOut => $"账号锁定至 {(account.LockedUntil is { } until ? Domain.BeijingTime.Text(until) : "")}",
        SignInOutcome.Disabled => "账号已停用",
        _ => null,
    };

    /// <summary>
    /// A manager's credentials typed into a cashier's 回退 pop-up. Wrong ones count towards the
    /// manager's lock like a wrong sign-in, and are in the audit log against the 交易号.
    /// </summary>
    public Task<Result<Actor>> VerifyApproverAsync(string? userName, string? password, string tradeNo, CancellationToken ct = default) =>
        VerifyAsync(userName, password, Domain.Refunds.RefundApproval.CheckApprover, Domain.Refunds.RefundApproval.WrongCredentials,
            AuditActions.RefundApprovalRefused, tradeNo, $"Refund of {tradeNo}", ct);

    /// <summary>A manager's credentials for cash beyond the store's settings: a 取款 or a 交班 difference (<paramref name="what"/> says which).</summary>
    public Task<Result<Actor>> VerifyCashApproverAsync(string? userName, string? password, string what, CancellationToken ct = default) =>
        VerifyAsync(userName, password, Domain.Shifts.CashApproval.CheckApprover, Domain.Shifts.CashApproval.WrongCredentials,
            AuditActions.CashApprovalRefused, null, what, ct);

    /// <summary>A pharmacist's credentials for 处方审核 at a till where someone else is signed in.</summary>
    public Task<Result<Actor>> VerifyPharmacistAsync(string? userName, string? password, CancellationToken ct = default) =>
        VerifyAsync(userName, password, Domain.Regulated.PrescriptionReview.CheckReviewer, Domain.Regulated.PrescriptionReview.WrongCredentials,
            AuditActions.PrescriptionReviewRefused, null, "处方审核", ct);

    private async Task<Result<Actor>> VerifyAsync(string? userName, string? password, Func<Actor, Actor, PosError?> check, PosError wrong,
        string refusedAction, string? tradeNo, string what, CancellationToken ct)
    {
        // The client is the cashier asking: a cashier guessing the manager's password holds back only their own pop-up.
        var (name, account, outcome, retryAt) = await AttemptAsync(userName, password, "approval:" + db.Actor.UserName, ct);
        var approver = account is null ? null : Actor.For(account);
        var refused = outcome == SignInOutcome.Succeeded
            ? check(approver!, db.Actor)
            : Refusal(outcome, account, retryAt, wrong, clock.GetUtcNow());
        if (refused is not null)
        {
            db.AddAudit(refusedAction, tradeNo, detail: (tradeNo is null ? what + "，" : "") + $"批准人“{name}”：{refused.Message}");
            await db.SaveChangesAsync(ct);
            log.LogWarning("{What}: approval by {Approver} refused ({Code})", what, name, refused.Code);
            return refused;
        }
        return approver!;
    }

    /// <summary>
    /// Is this sign-in still good: its session not signed out, the account's stamp the same, the
    /// account not disabled? Changed passwords and roles end every older session.
    /// </summary>
    public async Task<Actor?> CurrentAsync(long accountId, string securityStamp, string sessionId, CancellationToken ct = default)
    {
        // One round trip: this runs for every till every recheck interval.
        var account = await db.StaffSessions.Where(s => s.Id == sessionId && s.AccountId == accountId && s.EndedAt == null)
            .Join(db.StaffAccounts, s => s.AccountId, a => a.Id, (_, a) => a).AsNoTracking().SingleOrDefaultAsync(ct);
        return account is { Disabled: false } && account.SecurityStamp == securityStamp ? Actor.For(account) : null;
    }

    /// <summary>Signing out ends the session on the server: the cookie, and any copy of it, is refused from now on.</summary>
    public async Task SignOutAsync(string? sessionId, CancellationToken ct = default)
    {
        var session = sessionId is null ? null : await db.StaffSessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        session?.End(clock.GetUtcNow());
        db.AddAudit(AuditActions.SignOut);
        await db.SaveChangesAsync(ct);
    }

    public static readonly PosError CurrentPasswordWrong = new("PASSWORD_CURRENT_WRONG", "当前密码不正确。");

    /// <summary>The current password is checked like a sign-in: counted, throttled and audited, so a till left signed in cannot be used to guess it.</summary>
    public async Task<Result<SignedIn>> ChangePasswordAsync(long accountId, string? current, string? next, string? repeat, string client, CancellationToken ct = default)
    {
        var userName = await db.StaffAccounts.Where(a => a.Id == accountId).Select(a => a.UserName).SingleAsync(ct);
        var (_, found, outcome, retryAt) = await AttemptAsync(userName, current, client, ct);
        var account = found!;
        if (outcome != SignInOutcome.Succeeded)
        {
            db.AddAudit(AuditActions.PasswordChangeRefused, detail: Describe(outcome, account, retryAt, client) ?? "当前密码不正确", actor: Actor.For(account));
            await db.SaveChangesAsync(ct);
            return Refusal(outcome, account, retryAt, CurrentPasswordWrong, clock.GetUtcNow());
        }
        if (next != repeat) return new PosError("PASSWORD_MISMATCH", "两次输入的新密码不一致。");
        if (PasswordRule.Check(next, account.UserName) is { } weak) return weak;
        if (next == current) return new PosError("PASSWORD_UNCHANGED", "新密码不能与当前密码相同。");
        account.ChangePassword(hasher.HashPassword(account, next!));
        // A new stamp ends every earlier sign-in of the account; this one goes on in a new session.
        var session = db.StaffSessions.Add(StaffSession.Start(account.Id, clock.GetUtcNow())).Entity;
        db.AddAudit(AuditActions.PasswordChanged, actor: Actor.For(account));
        await db.SaveChangesAsync(ct);
        log.LogInformation("{UserName} changed their password", account.UserName);
        return new SignedIn(account.Id, Actor.For(account), account.SecurityStamp, false, session.Id);
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

    /// <summary>
    /// The owner's way back in when nobody can sign in (the administrator locked or forgotten):
    /// run on the POS machine itself (<c>reset-password NAME</c>), never reachable from the web.
    /// A one-time password, an unlocked and enabled account, and a line in the audit log.
    /// </summary>
    public async Task<Result<string>> ResetAtConsoleAsync(string? userName, CancellationToken ct = default)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        var account = await db.StaffAccounts.SingleOrDefaultAsync(a => a.UserName == name, ct);
        if (account is null) return new PosError("ACCOUNT_NOT_FOUND", $"账号“{name}”不存在。");
        var temporary = TemporaryPassword();
        account.ResetPassword(hasher.HashPassword(account, temporary));
        if (account.Disabled) account.SetDisabled(false);
        db.AddAudit(AuditActions.PasswordResetAtConsole, detail: $"{account.UserName}：在收银系统主机上重置密码并解除锁定",
            actor: new Actor("console", "本机控制台", null));
        await db.SaveChangesAsync(ct);
        log.LogWarning("Password of {UserName} reset at the POS machine's console", account.UserName);
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
    /// Accounts about to be added, their passwords being hashed on the thread pool meanwhile: PBKDF2 is
    /// ≈ 90 ms an account by design, so a first install hashes them while it seeds the catalogue.
    /// </summary>
    public sealed record NewAccounts(IReadOnlyList<StaffAccount> Accounts, Task<string[]> Hashes, string? ShownPassword = null)
    {
        public static readonly NewAccounts None = new([], Task.FromResult(Array.Empty<string>()));
    }

    private NewAccounts Hashing(IReadOnlyList<(StaffAccount Account, string Password)> accounts, string? shownPassword = null) =>
        accounts.Count == 0 ? NewAccounts.None
            : new(accounts.Select(a => a.Account).ToList(), Task.WhenAll(accounts.Select(a => Task.Run(() => hasher.HashPassword(a.Account, a.Password)))), shownPassword);

    /// <summary>
    /// First start on an empty database: one administrator with a random password, shown once
    /// on the console (and never logged); it must be changed at first sign-in.
    /// </summary>
    public async Task<string?> EnsureAdministratorAsync(int storeId, CancellationToken ct = default) =>
        await AddAdministratorAsync(await StartAdministratorAsync(storeId, ct), ct);

    /// <summary>The administrator to make when the database has none, its password being hashed.</summary>
    public async Task<NewAccounts> StartAdministratorAsync(int storeId, CancellationToken ct = default)
    {
        if (await db.StaffAccounts.AnyAsync(a => a.Role == StaffRole.Admin, ct)) return NewAccounts.None;
        var password = TemporaryPassword();
        var account = StaffAccount.Create(storeId, "admin", "管理员", StaffRole.Admin, "", mustChangePassword: true, clock.GetUtcNow()).Value;
        return Hashing([(account, password)], password);
    }

    /// <summary>Saves the administrator; its one-time password, or null when there was none to make.</summary>
    public async Task<string?> AddAdministratorAsync(NewAccounts admin, CancellationToken ct = default)
    {
        if (admin.Accounts is not [var account]) return null;
        account.ResetPassword((await admin.Hashes)[0]);
        db.StaffAccounts.Add(account);
        db.AddAudit(AuditActions.AccountCreated, detail: "admin（首次启动创建的管理员）");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (StorageFailures.Is(e, StorageFailure.UniqueViolation))
        {
            // Another till of the chain created it at the same moment: its password is the one shown there.
            db.ChangeTracker.Clear();
            return null;
        }
        return admin.ShownPassword;
    }

    /// <summary>Demo mode: a cashier and a manager with the passwords the README gives, so a trial needs no set-up.</summary>
    public async Task<int> SeedDemoAsync(int storeId, CancellationToken ct = default) =>
        await AddDemoAsync(await StartDemoAsync(storeId, ct), ct);

    /// <summary>The demo accounts this database lacks, their passwords being hashed.</summary>
    public async Task<NewAccounts> StartDemoAsync(int storeId, CancellationToken ct = default)
    {
        var names = DemoStaff.Select(d => d.UserName).ToList();
        var existing = await db.StaffAccounts.Where(a => names.Contains(a.UserName)).Select(a => a.UserName).ToListAsync(ct);
        return Hashing(DemoStaff.Where(d => !existing.Contains(d.UserName))
            .Select(d => (StaffAccount.Create(storeId, d.UserName, d.DisplayName, d.Role, "", mustChangePassword: false, clock.GetUtcNow()).Value, d.Password))
            .ToList());
    }

    public async Task<int> AddDemoAsync(NewAccounts demo, CancellationToken ct = default)
    {
        if (demo.Accounts.Count == 0) return 0;
        var hashes = await demo.Hashes;
        for (var i = 0; i < hashes.Length; i++)
        {
            demo.Accounts[i].ChangePassword(hashes[i]);
            db.StaffAccounts.Add(demo.Accounts[i]);
        }
        await db.SaveChangesAsync(ct);
        return hashes.Length;
    }

    /// <summary>Documented in the README; seeded only when Accounts:SeedDemo is on.</summary>
    public static readonly (string UserName, string DisplayName, StaffRole Role, string Password)[] DemoStaff =
    [
        ("cashier", "演示收银员", StaffRole.Cashier, "shouyin2026"),
        ("manager", "演示店长", StaffRole.Manager, "dianzhang2026"),
        ("pharmacist", "演示药师", StaffRole.Pharmacist, "yaoshi2026"),
    ];

    /// <summary>
    /// One counted attempt. The throttle admits it first (a client past its free failures is
    /// told when to come back, and no password is looked at); the password is only checked when
    /// the account could sign in at all; a wrong one is added to the account's count in one
    /// atomic statement, so parallel guesses are each counted. An unknown name is a wrong password.
    /// </summary>
    private async Task<(string Name, StaffAccount? Account, SignInOutcome Outcome, DateTimeOffset? RetryAt)> AttemptAsync(
        string? userName, string? password, string client, CancellationToken ct)
    {
        var name = Truncate(userName?.Trim().ToLowerInvariant() ?? "");
        var account = name.Length == 0 ? null : await db.StaffAccounts.SingleOrDefaultAsync(a => a.UserName == name, ct);
        var now = clock.GetUtcNow();
        var (ticket, retryAt) = throttle.TryAdmit(name, client, now);
        if (ticket is not { } admitted) return (name, account, SignInOutcome.WrongPassword, retryAt);
        try
        {
            // The password is looked at only for an account that could sign in now (neither disabled nor locked).
            var open = account is not null && account.Check(passwordMatches: false, now) == SignInOutcome.WrongPassword;
            var outcome = account is null ? SignInOutcome.WrongPassword : account.Check(open && Verify(account, password), now);
            if (outcome == SignInOutcome.Succeeded)
            {
                throttle.Succeeded(admitted);
                if (account!.FailedSignIns > 0)
                    await db.StaffAccounts.Where(a => a.Id == account.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, 0), ct);
                return (name, account, outcome, null);
            }
            var wait = throttle.Failed(admitted, now);
            if (account is not null && outcome == SignInOutcome.WrongPassword)
            {
                outcome = await CountFailureAsync(account, now, ct);
            }
            return (name, account, outcome, wait > now ? wait : null);
        }
        catch
        {
            throttle.Abandoned(admitted);
            throw;
        }
    }

    /// <summary>Adds one to the account's failures in the database (not in memory: parallel attempts would lose counts) and locks it at the threshold.</summary>
    private async Task<SignInOutcome> CountFailureAsync(StaffAccount account, DateTimeOffset now, CancellationToken ct)
    {
        var accounts = db.StaffAccounts.Where(a => a.Id == account.Id);
        await accounts.ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, a => a.FailedSignIns + 1), ct);
        var until = now + StaffAccount.LockDuration;
        var locked = await accounts.Where(a => a.FailedSignIns >= StaffAccount.AccountLockFailures)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.FailedSignIns, 0).SetProperty(a => a.LockedUntil, until), ct);
        await db.Entry(account).ReloadAsync(ct);
        if (locked > 0) log.LogWarning("Account {UserName} locked until {Until}: {Failures} wrong passwords from all clients", account.UserName, until, StaffAccount.AccountLockFailures);
        return account.Check(false, now) == SignInOutcome.LockedOut ? SignInOutcome.LockedOut : SignInOutcome.WrongPassword;
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
