using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Refunds;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Refunds;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;
using RefundStatus = PharmacyPos.Domain.Refunds.RefundStatus;

namespace PharmacyPos.Checkout.Tests;

/// <summary>Manager approval of refunds, sign-in throttling, and the audit trail of a whole day at the till.</summary>
public sealed class ApprovalAndAuditTests(MobileHarness h) : IClassFixture<MobileHarness>, IAsyncLifetime
{
    private static readonly (string User, string Password) Manager = ("manager", "dianzhang2026");

    public async Task InitializeAsync()
    {
        await using var db = h.Database.NewContext();
        await h.Staff(db).SeedDemoAsync(1);
    }

    public Task DisposeAsync()
    {
        h.Faults.Clear();
        return Task.CompletedTask;
    }

    private async Task<Actor> SignInAsync(string user, string password)
    {
        await using var db = h.ContextFor(Actor.System);
        return (await h.Staff(db).SignInAsync(user, password, "device:test-till")).Value.Actor;
    }

    private async Task<AttemptView> PaidAsync(Actor by, Sale sale, string customer = "unbound", Wallet wallet = Wallet.WeChat, PurchaseRegistration.Form? form = null)
    {
        var (checkout, db) = h.Checkout(h.ContextFor(by));
        await using (db)
        {
            var started = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(sale, h.Code(customer, wallet), form));
            Assert.Equal(OrderStatus.Paid, started.Attempt.Status);
            return started.Attempt;
        }
    }

    private async Task<Domain.Errors.Result<RefundView>> RefundAsync(Actor by, long orderId, RefundApprover? approver = null)
    {
        var (refunds, db) = h.Refunds(h.ContextFor(by));
        await using (db) return await refunds.RefundAsync(orderId, approver);
    }

    private async Task<OrderStatus> StatusAsync(long orderId)
    {
        await using var db = h.Database.NewContext();
        return (await db.Orders.SingleAsync(o => o.Id == orderId)).Status;
    }

    [Fact]
    public async Task A_cashier_cannot_refund_at_or_above_the_threshold_without_a_managers_credentials()
    {
        var cashier = await SignInAsync("cashier", "shouyin2026");
        var paid = await PaidAsync(cashier, await h.SaleOfAsync(120m));

        var alone = await RefundAsync(cashier, paid.OrderId);
        Assert.Equal("REFUND_APPROVAL_REQUIRED", alone.Error?.Code);
        Assert.Contains("须店长输入账号和密码批准", alone.Error!.Message);

        Assert.Equal(RefundApproval.WrongCredentials, (await RefundAsync(cashier, paid.OrderId, new(Manager.User, "wrong-guess1"))).Error);
        Assert.Equal(RefundApproval.NotAManager, (await RefundAsync(cashier, paid.OrderId, new("cashier", "shouyin2026"))).Error);
        Assert.Equal(OrderStatus.Paid, await StatusAsync(paid.OrderId));
        Assert.DoesNotContain(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);

        var approved = await RefundAsync(cashier, paid.OrderId, new(Manager.User, Manager.Password));
        Assert.Equal(RefundStatus.Refunded, approved.Value.Status);
        Assert.Single(h.Ledger(paid.TradeNo.Value), e => e.Movement == Movement.Refund);
        await using var db = h.Database.NewContext();
        Assert.Equal("manager", (await db.Refunds.SingleAsync(r => r.OrderId == paid.OrderId)).ApprovedBy);
        var refused = await db.Audit.Where(e => e.TradeNo == paid.TradeNo.Value && e.Action == AuditActions.RefundApprovalRefused).ToListAsync();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, e => Assert.Equal("cashier", e.UserName));
    }

    [Fact]
    public async Task Below_the_threshold_a_cashier_refunds_alone_and_the_manager_never_needs_approval()
    {
        var cashier = await SignInAsync("cashier", "shouyin2026");
        var small = await PaidAsync(cashier, await h.SaleOfAsync(99.99m));
        Assert.Equal(RefundStatus.Refunded, (await RefundAsync(cashier, small.OrderId)).Value.Status);

        var manager = await SignInAsync(Manager.User, Manager.Password);
        var large = await PaidAsync(cashier, await h.SaleOfAsync(500m));
        Assert.Equal(RefundStatus.Refunded, (await RefundAsync(manager, large.OrderId)).Value.Status);
    }

    private async Task CreateAccountAsync(string userName, string password)
    {
        await using (var db = h.ContextFor(new Actor("admin", "管理员", StaffRole.Admin)))
            Assert.True((await h.Staff(db).CreateAsync(1, userName, "测试", StaffRole.Manager)).IsSuccess);
        await using (var db = h.Database.NewContext())
        {
            var account = await db.StaffAccounts.SingleAsync(a => a.UserName == userName);
            account.ChangePassword(new Microsoft.AspNetCore.Identity.PasswordHasher<StaffAccount>().HashPassword(account, password));
            await db.SaveChangesAsync();
        }
    }

    private async Task<string?> TryAsync(string userName, string password, string client)
    {
        await using var db = h.ContextFor(Actor.System);
        return (await h.Staff(db).SignInAsync(userName, password, client)).Error?.Code;
    }

    [Fact]
    public async Task A_guesser_is_held_back_with_growing_waits_while_the_real_user_at_their_till_signs_in()
    {
        await CreateAccountAsync("guessed", "right2026x");

        for (var i = 1; i < SignInThrottle.FreeFailures; i++) Assert.Equal("SIGN_IN_FAILED", await TryAsync("guessed", "wrong" + i, "address:10.0.0.66"));
        Assert.Equal("SIGN_IN_DELAYED", await TryAsync("guessed", "wrong5", "address:10.0.0.66"));
        // Held back: not even the right password is looked at from there until the wait is over.
        Assert.Equal("SIGN_IN_DELAYED", await TryAsync("guessed", "right2026x", "address:10.0.0.66"));
        // The owner of the account, at their own till, is not held back at all.
        Assert.Null(await TryAsync("guessed", "right2026x", "device:till-of-guessed"));

        h.Clock.Advance(SignInThrottle.FirstDelay);
        Assert.Equal("SIGN_IN_DELAYED", await TryAsync("guessed", "wrong6", "address:10.0.0.66"));
        h.Clock.Advance(SignInThrottle.FirstDelay); // the wait doubled: 30 s is not enough now
        Assert.Equal("SIGN_IN_DELAYED", await TryAsync("guessed", "right2026x", "address:10.0.0.66"));
        h.Clock.Advance(SignInThrottle.FirstDelay);
        Assert.Null(await TryAsync("guessed", "right2026x", "address:10.0.0.66"));

        await using var read = h.Database.NewContext();
        var trail = await read.Audit.Where(e => e.UserName == "guessed").OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal(10, trail.Count);
        Assert.Equal(AuditActions.SignIn, trail[^1]);
    }

    [Fact]
    public async Task Only_sustained_guessing_from_many_clients_locks_the_account_itself_and_the_lock_ends()
    {
        await CreateAccountAsync("swarmed", "right2026x");
        var failures = 0;
        for (var client = 0; failures < StaffAccount.AccountLockFailures - 1; client++)
            for (var i = 1; i < SignInThrottle.FreeFailures && failures < StaffAccount.AccountLockFailures - 1; i++, failures++)
                Assert.Equal("SIGN_IN_FAILED", await TryAsync("swarmed", "wrong" + failures, "address:bot" + client));
        Assert.Equal("ACCOUNT_LOCKED", await TryAsync("swarmed", "wrong-last", "address:bot-last"));
        Assert.Equal("ACCOUNT_LOCKED", await TryAsync("swarmed", "right2026x", "device:till-of-swarmed"));
        h.Clock.Advance(StaffAccount.LockDuration);
        Assert.Null(await TryAsync("swarmed", "right2026x", "device:till-of-swarmed"));
    }

    [Fact]
    public async Task Parallel_wrong_passwords_from_one_client_are_checked_exactly_five_times_and_each_is_counted()
    {
        await CreateAccountAsync("parallel", "right2026x");
        var codes = await Task.WhenAll(Enumerable.Range(0, 19).Select(i => TryAsync("parallel", "wrong" + i, "address:10.0.0.77")));
        Assert.Equal(SignInThrottle.FreeFailures - 1, codes.Count(c => c == "SIGN_IN_FAILED"));
        await using var read = h.Database.NewContext();
        Assert.Equal(SignInThrottle.FreeFailures, (await read.StaffAccounts.SingleAsync(a => a.UserName == "parallel")).FailedSignIns);
    }

    [Fact]
    public async Task Wrong_approvals_naming_the_administrator_hold_back_that_cashiers_pop_up_not_the_administrator()
    {
        await CreateAccountAsync("approver", "right2026x");
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var staff = h.Staff(db);
            for (var i = 1; i <= SignInThrottle.FreeFailures; i++) await staff.VerifyApproverAsync("approver", "wrong" + i, "202611290000000101000001");
            Assert.Equal("SIGN_IN_DELAYED", (await staff.VerifyApproverAsync("approver", "right2026x", "202611290000000101000001")).Error?.Code);
        }
        Assert.Null(await TryAsync("approver", "right2026x", "device:till-of-approver"));
    }

    [Fact]
    public async Task A_wrong_current_password_on_the_change_password_page_is_counted_throttled_and_audited()
    {
        await CreateAccountAsync("changer", "right2026x");
        long id;
        await using (var db = h.Database.NewContext()) id = (await db.StaffAccounts.SingleAsync(a => a.UserName == "changer")).Id;
        async Task<string?> ChangeAsync(string current)
        {
            await using var db = h.ContextFor(Actor.System);
            return (await h.Staff(db).ChangePasswordAsync(id, current, "newpass2027", "newpass2027", "device:stolen-till")).Error?.Code;
        }
        for (var i = 1; i < SignInThrottle.FreeFailures; i++) Assert.Equal("PASSWORD_CURRENT_WRONG", await ChangeAsync("wrong" + i));
        Assert.Equal("SIGN_IN_DELAYED", await ChangeAsync("wrong5"));
        Assert.Equal("SIGN_IN_DELAYED", await ChangeAsync("right2026x"));
        await using var read = h.Database.NewContext();
        Assert.Equal(SignInThrottle.FreeFailures + 1, await read.Audit.CountAsync(e => e.UserName == "changer" && e.Action == AuditActions.PasswordChangeRefused));
        Assert.Equal(SignInThrottle.FreeFailures, (await read.StaffAccounts.SingleAsync(a => a.UserName == "changer")).FailedSignIns);
    }

    [Fact]
    public async Task A_forged_answer_changes_nothing_the_signed_query_decides()
    {
        var cashier = await SignInAsync("cashier", "shouyin2026");
        // The buyer really paid; the answer saying so arrives with a signature that is not Alipay's.
        h.Faults.Add(new FaultRule("alipay", "pay", FaultKind.BadSignature));
        var (checkout, db) = h.Checkout(h.ContextFor(cashier));
        AttemptView attempt;
        await using (db) attempt = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("unbound", Wallet.Alipay), null)).Attempt;
        Assert.Equal(OrderStatus.Pending, attempt.Status);

        // A forged refund answer: the refund stays in doubt until the channel's signed word.
        (checkout, db) = h.Checkout(h.ContextFor(cashier));
        await using (db) Assert.Equal(OrderStatus.Paid, (await checkout.PollAsync(attempt.OrderId)).Status);
        h.Faults.Add(new FaultRule("alipay", "refund", FaultKind.BadSignature));
        Assert.Equal(RefundStatus.Requested, (await RefundAsync(cashier, attempt.OrderId)).Value.Status);
        Assert.Equal(OrderStatus.Refunding, await StatusAsync(attempt.OrderId));
        var (refunds, rdb) = h.Refunds(h.ContextFor(cashier));
        await using (rdb) Assert.Equal(RefundStatus.Refunded, (await refunds.ResolveAsync(attempt.OrderId)).Value.Status);
        Assert.Single(h.Ledger(attempt.TradeNo.Value), e => e.Movement == Movement.Refund);
    }

    [Fact]
    public async Task A_scripted_day_leaves_an_audit_line_for_every_action_with_who_where_when_and_how_much()
    {
        var start = h.Clock.GetUtcNow();
        var cashier = await SignInAsync("cashier", "shouyin2026");
        var terminal = Microsoft.Extensions.Options.Options.Create(new TerminalOptions());

        // 现金结算
        Order cash;
        await using (var db = h.ContextFor(cashier))
            cash = (await h.Cash(db, terminal).PayAsync(await h.SaleAsync("YP00202"), "100")).Value;
        // 手机支付: paid from the insurance account, with the purchaser registered
        var form = new PurchaseRegistration.Form("张小三", "11010519491231002X", "13912345678", "本人");
        var registered = await PaidAsync(cashier, await h.SaleOfAsync(250m), "rich-bound", Wallet.Alipay, form);
        // 手机支付 the buyer never confirms, given up
        AttemptView abandoned;
        var (checkout, cdb) = h.Checkout(h.ContextFor(cashier));
        await using (cdb)
        {
            var started = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.WeChat), null)).Attempt;
            abandoned = await checkout.AbandonAsync(started.OrderId);
        }
        // 退单 with the manager's approval
        Assert.True((await RefundAsync(cashier, registered.OrderId, new(Manager.User, Manager.Password))).IsSuccess);
        // 改价 by the manager
        var manager = await SignInAsync(Manager.User, Manager.Password);
        await using (var db = h.ContextFor(manager)) Assert.True((await new PriceEdit(db).ChangeAsync("YP00101", "8.80")).IsSuccess);

        await using var read = h.Database.NewContext();
        var day = await read.Audit.Where(e => e.At >= start).OrderBy(e => e.Id).ToListAsync();
        void Has(string action, string user, string? tradeNo = null, Money? amount = null, string? approver = null) =>
            Assert.Contains(day, e => e.Action == action && e.UserName == user && e.Terminal == "T0001-01"
                && (tradeNo is null || e.TradeNo == tradeNo) && (amount is null || e.Amount == amount) && (approver is null || e.Approver == approver));

        Has(AuditActions.SignIn, "cashier");
        Has(AuditActions.CashSale, "cashier", cash.TradeNo.Value, cash.Total);
        Has(AuditActions.PaymentStarted, "cashier", registered.TradeNo.Value, Money.FromYuan(250m));
        Has(AuditActions.Registration, "cashier", registered.TradeNo.Value, Money.FromYuan(250m));
        Has(AuditActions.PaymentPaid, "cashier", registered.TradeNo.Value, Money.FromYuan(250m));
        Has(AuditActions.PaymentStarted, "cashier", abandoned.TradeNo.Value);
        Has(AuditActions.PaymentCancelled, "cashier", abandoned.TradeNo.Value);
        Has(AuditActions.PaymentFailed, "cashier", abandoned.TradeNo.Value);
        Has(AuditActions.RefundRequested, "cashier", registered.TradeNo.Value, Money.FromYuan(250m), approver: "manager");
        Has(AuditActions.RefundCompleted, "cashier", registered.TradeNo.Value, Money.FromYuan(250m));
        Has(AuditActions.SignIn, "manager");
        Has(AuditActions.PriceChanged, "manager", amount: Money.FromYuan(8.8m));
        // The registration's line names the purchaser by a masked ID only.
        Assert.All(day, e => Assert.DoesNotContain("11010519491231002X", e.Detail ?? "", StringComparison.Ordinal));
        Assert.Contains(day, e => e.Action == AuditActions.Registration && e.Detail!.Contains("1101**********002X", StringComparison.Ordinal));
    }
}
