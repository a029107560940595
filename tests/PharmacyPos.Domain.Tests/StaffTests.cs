using PharmacyPos.Domain.Journal;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Domain.Tests;

public sealed class StaffAccountTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    private static StaffAccount Account(StaffRole role = StaffRole.Cashier) =>
        StaffAccount.Create(1, "Zhang.San", "张三", role, "hash", mustChangePassword: false, T0).Value;

    [Fact]
    public void User_names_are_kept_lower_case_and_checked()
    {
        Assert.Equal("zhang.san", Account().UserName);
        Assert.Equal("USER_NAME_INVALID", StaffAccount.Create(1, "张三", "张三", StaffRole.Cashier, "h", false, T0).Error?.Code);
        Assert.Equal("USER_NAME_INVALID", StaffAccount.Create(1, "ab", "张三", StaffRole.Cashier, "h", false, T0).Error?.Code);
        Assert.Equal("DISPLAY_NAME_INVALID", StaffAccount.Create(1, "abc", " ", StaffRole.Cashier, "h", false, T0).Error?.Code);
    }

    [Fact]
    public void The_account_itself_locks_only_after_sustained_failures_from_every_client_together()
    {
        Assert.False(StaffAccount.LocksAfter(SignInThrottle.FreeFailures));
        Assert.False(StaffAccount.LocksAfter(StaffAccount.AccountLockFailures - 1));
        Assert.True(StaffAccount.LocksAfter(StaffAccount.AccountLockFailures));
    }

    [Fact]
    public void One_client_gets_five_free_failures_then_growing_waits_while_another_client_signs_in_as_usual()
    {
        var throttle = new SignInThrottle();
        for (var i = 1; i <= SignInThrottle.FreeFailures; i++)
        {
            var (ticket, _) = throttle.TryAdmit("manager", "address:10.0.0.9", T0);
            throttle.Failed(ticket!.Value, T0);
        }
        var (refused, retryAt) = throttle.TryAdmit("manager", "address:10.0.0.9", T0 + TimeSpan.FromSeconds(29));
        Assert.Null(refused);
        Assert.Equal(T0 + TimeSpan.FromSeconds(30), retryAt);
        // The manager's own till is another client: not held back at all.
        Assert.NotNull(throttle.TryAdmit("manager", "device:till-1", T0).Ticket);

        // The guesser's sixth try, after the wait, fails again: the next wait doubles.
        var (sixth, _) = throttle.TryAdmit("manager", "address:10.0.0.9", T0 + TimeSpan.FromSeconds(30));
        Assert.Equal(T0 + TimeSpan.FromSeconds(90), throttle.Failed(sixth!.Value, T0 + TimeSpan.FromSeconds(30)));
        Assert.Equal([TimeSpan.Zero, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)],
            new[] { 4, 5, 6, 9, 10, 40 }.Select(SignInThrottle.DelayAfter));
    }

    [Fact]
    public void Parallel_guesses_from_one_client_get_exactly_five_checks()
    {
        var throttle = new SignInThrottle();
        var admitted = Enumerable.Range(0, 19).AsParallel().Select(_ => throttle.TryAdmit("admin", "address:x", T0).Ticket).Count(t => t is not null);
        Assert.Equal(SignInThrottle.FreeFailures, admitted);
    }

    [Fact]
    public void A_right_password_forgets_the_clients_failures()
    {
        var throttle = new SignInThrottle();
        for (var i = 1; i < SignInThrottle.FreeFailures; i++) throttle.Failed(throttle.TryAdmit("a", "c", T0).Ticket!.Value, T0);
        throttle.Succeeded(throttle.TryAdmit("a", "c", T0).Ticket!.Value);
        for (var i = 1; i < SignInThrottle.FreeFailures; i++) throttle.Failed(throttle.TryAdmit("a", "c", T0).Ticket!.Value, T0);
        Assert.NotNull(throttle.TryAdmit("a", "c", T0).Ticket);
    }

    [Fact]
    public void On_an_open_account_the_right_password_succeeds_and_a_wrong_one_does_not()
    {
        var a = Account();
        Assert.Equal(SignInOutcome.WrongPassword, a.Check(false, T0));
        Assert.Equal(SignInOutcome.Succeeded, a.Check(true, T0));
    }

    [Fact]
    public void A_disabled_account_cannot_sign_in_with_any_password()
    {
        var a = Account();
        a.SetDisabled(true);
        Assert.Equal(SignInOutcome.Disabled, a.Check(true, T0));
    }

    [Fact]
    public void Password_change_role_change_and_disabling_each_end_earlier_sign_ins()
    {
        var a = Account();
        var stamps = new HashSet<string> { a.SecurityStamp };
        a.ChangePassword("h2");
        Assert.True(stamps.Add(a.SecurityStamp));
        a.ChangeRole(StaffRole.Manager);
        Assert.True(stamps.Add(a.SecurityStamp));
        a.SetDisabled(true);
        Assert.True(stamps.Add(a.SecurityStamp));
        a.ResetPassword("h3");
        Assert.True(stamps.Add(a.SecurityStamp));
        Assert.True(a.MustChangePassword);
        a.ChangePassword("h4");
        Assert.False(a.MustChangePassword);
    }

    [Theory]
    [InlineData("short1", "PASSWORD_TOO_SHORT")]
    [InlineData("onlyletters", "PASSWORD_TOO_WEAK")]
    [InlineData("1234567890", "PASSWORD_TOO_WEAK")]
    [InlineData("zhang.san2026", "PASSWORD_CONTAINS_NAME")]
    [InlineData("shouyin2026", null)]
    public void Passwords_need_eight_characters_letters_and_digits_and_not_the_user_name(string password, string? code) =>
        Assert.Equal(code, PasswordRule.Check(password, "zhang.san")?.Code);
}

public sealed class RoleTests
{
    [Theory]
    [InlineData(StaffRole.Cashier, Permission.Sell, true)]
    [InlineData(StaffRole.Cashier, Permission.ApproveRefunds, false)]
    [InlineData(StaffRole.Cashier, Permission.ManageCatalogue, false)]
    [InlineData(StaffRole.Cashier, Permission.ViewRecords, false)]
    [InlineData(StaffRole.Cashier, Permission.ManageSettings, false)]
    [InlineData(StaffRole.Cashier, Permission.Administer, false)]
    [InlineData(StaffRole.Manager, Permission.Sell, true)]
    [InlineData(StaffRole.Manager, Permission.ApproveRefunds, true)]
    [InlineData(StaffRole.Manager, Permission.ManageCatalogue, true)]
    [InlineData(StaffRole.Manager, Permission.ViewRecords, true)]
    [InlineData(StaffRole.Manager, Permission.ManageSettings, true)]
    [InlineData(StaffRole.Manager, Permission.Administer, false)]
    [InlineData(StaffRole.Admin, Permission.Administer, true)]
    [InlineData(StaffRole.Admin, Permission.ApproveRefunds, true)]
    public void Each_role_holds_exactly_its_permissions(StaffRole role, Permission permission, bool allowed) =>
        Assert.Equal(allowed, role.Allows(permission));

    [Fact]
    public void The_system_holds_no_permission_and_roles_read_in_chinese()
    {
        Assert.All(Enum.GetValues<Permission>(), p => Assert.False(Actor.System.May(p)));
        Assert.Equal(["收银员", "店长", "管理员", "药师"], Enum.GetValues<StaffRole>().Select(r => r.ToChinese()));
        Assert.True(StaffRoles.TryParseChinese("店长", out var role) && role == StaffRole.Manager);
    }
}

public sealed class RefundApprovalTests
{
    private static readonly Money Threshold = Money.FromYuan(100m);
    private static readonly Actor Cashier = new("cashier", "收银员", StaffRole.Cashier);
    private static readonly Actor Manager = new("manager", "店长", StaffRole.Manager);

    [Theory]
    [InlineData(99.99, false)]
    [InlineData(100.00, true)]
    [InlineData(250.00, true)]
    public void A_cashiers_refund_at_or_above_the_threshold_needs_a_manager(decimal yuan, bool required) =>
        Assert.Equal(required, RefundApproval.IsRequired(Money.FromYuan(yuan), Cashier, Threshold));

    [Fact]
    public void A_manager_or_administrator_needs_no_approval_and_the_system_always_does_at_the_threshold()
    {
        Assert.False(RefundApproval.IsRequired(Money.FromYuan(10_000m), Manager, Threshold));
        Assert.False(RefundApproval.IsRequired(Money.FromYuan(10_000m), new Actor("admin", "管理员", StaffRole.Admin), Threshold));
        Assert.True(RefundApproval.IsRequired(Threshold, Actor.System, Threshold));
    }

    [Fact]
    public void The_approver_must_be_a_manager_and_someone_else()
    {
        Assert.Null(RefundApproval.CheckApprover(Manager, Cashier));
        Assert.Equal(RefundApproval.NotAManager, RefundApproval.CheckApprover(new Actor("c2", "收银员二", StaffRole.Cashier), Cashier));
        Assert.Equal("REFUND_SELF_APPROVAL", RefundApproval.CheckApprover(Manager, Manager)?.Code);
    }
}

public sealed class AuditAndSettingsTests
{
    [Fact]
    public void The_journal_events_a_person_answers_for_become_audit_actions_and_machine_steps_do_not()
    {
        Assert.Equal(AuditActions.PaymentStarted, AuditActions.ForJournal(JournalEvents.OrderWritten));
        Assert.Equal(AuditActions.PaymentPaid, AuditActions.ForJournal(JournalEvents.OrderPaid));
        Assert.Equal(AuditActions.PaymentFailed, AuditActions.ForJournal(JournalEvents.OrderFailed));
        Assert.Equal(AuditActions.CashSale, AuditActions.ForJournal(JournalEvents.PaidInCash));
        Assert.Equal(AuditActions.RefundRequested, AuditActions.ForJournal(JournalEvents.RefundRequested));
        Assert.Equal(AuditActions.RefundCompleted, AuditActions.ForJournal(JournalEvents.RefundCompleted));
        Assert.Null(AuditActions.ForJournal(JournalEvents.PaymentAnswered));
        Assert.Null(AuditActions.ForJournal(JournalEvents.RefundSent));
        Assert.All(AuditActions.All, a => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", a.Value));
    }

    [Fact]
    public void An_audit_line_names_who_and_never_holds_more_than_300_characters_of_detail()
    {
        var e = AuditEntry.Record(1, "T0001-01", new Actor("cashier", "王", StaffRole.Cashier), DateTimeOffset.UnixEpoch, AuditActions.RefundRequested,
            "12345", Money.FromYuan(5m), new string('x', 500), "manager");
        Assert.Equal(("cashier", "王", "收银员", "manager", "发起退款"), (e.UserName, e.DisplayName, e.Role, e.Approver, e.ActionText));
        Assert.Equal(300, e.Detail!.Length);
    }

    [Fact]
    public void Store_thresholds_are_checked_before_they_change()
    {
        var s = StoreSettings.Defaults(1, Money.FromYuan(200m), Money.FromYuan(100m), "演示大药房");
        Assert.Equal("REGISTRATION_THRESHOLD_INVALID", s.Change(Money.Zero, Money.FromYuan(1m), "m", DateTimeOffset.UnixEpoch)?.Code);
        Assert.Equal("REFUND_THRESHOLD_INVALID", s.Change(Money.FromYuan(1m), Money.FromYuan(100_000.01m), "m", DateTimeOffset.UnixEpoch)?.Code);
        Assert.Equal(Money.FromYuan(200m), s.RegistrationThreshold);
        Assert.Null(s.Change(Money.FromYuan(300m), Money.Zero, "m", DateTimeOffset.UnixEpoch));
        Assert.Equal((Money.FromYuan(300m), Money.Zero, "m"), (s.RegistrationThreshold, s.RefundApprovalThreshold, s.UpdatedBy));
    }

    [Theory]
    [InlineData("", "", "", "STORE_NAME_INVALID")]
    [InlineData("\u200B \u200B", "", "", "STORE_NAME_INVALID")]
    [InlineData("仁心大药房（西湖店）仁心大药房（西湖店）仁心大药房（西湖店）仁心大药房（西湖店）X", "", "", "STORE_NAME_INVALID")]
    [InlineData("仁心大药房", "杭州市\n西湖区", "", null)]
    [InlineData("仁心大药房", "", "0571-8888 6666", null)]
    [InlineData("仁心大药房", "", "=HYPERLINK(1)", "STORE_PHONE_INVALID")]
    public void A_store_is_named_for_its_receipts_only_with_a_readable_name_and_a_phone_number(string name, string address, string phone, string? refused)
    {
        var s = StoreSettings.Defaults(1, Money.FromYuan(200m), Money.FromYuan(100m), "演示大药房");
        var error = s.Rename(System.Text.RegularExpressions.Regex.Unescape(name), System.Text.RegularExpressions.Regex.Unescape(address), phone, "m", DateTimeOffset.UnixEpoch);
        Assert.Equal(refused, error?.Code);
        Assert.Equal(refused is null ? "仁心大药房" : "演示大药房", s.Name);
        if (refused is null) Assert.DoesNotContain('\n', s.Address);
    }
}
