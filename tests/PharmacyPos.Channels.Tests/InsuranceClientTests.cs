using System.Net;
using System.Text;
using PharmacyPos.Channels.Insurance;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Channels.Tests;

[Collection(SandboxCollection.Name)]
public sealed class InsuranceClientTests(SandboxFixture sandbox) : IDisposable
{
    private static readonly OrderLine[] Lines =
        [new OrderLine(1, "YP00001", "阿莫西林胶囊", "0.25g*24粒", "盒", "XJ01CA04A443453826105023", false, Money.FromYuan(13.1m), 2)];

    private static ChannelPayment Payment(string tradeNo, string code) => SandboxFixture.Payment(tradeNo, code, 26.2m, Lines);

    public void Dispose() => sandbox.Faults.Clear();

    [Fact]
    public void A_person_written_to_a_log_shows_neither_number_whole()
    {
        var text = new InsuranceSettlement(SandboxFixture.Payment(SandboxFixture.NewTradeNo(), "330100001234567", 1m),
            new InsuredPerson("33010020000001", "张三", "33010619850315002", "310", Money.FromYuan(5m))).ToString();
        Assert.DoesNotContain("33010020000001", text, StringComparison.Ordinal);
        Assert.DoesNotContain("33010619850315002", text, StringComparison.Ordinal);
        Assert.Contains("****0001", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_code_of_a_bound_card_identifies_the_insured_person_and_balance()
    {
        var found = Assert.IsType<PersonLookup.Found>(await sandbox.Insurance.FindPersonAsync(sandbox.Code("t-manual", Wallet.Alipay), CertificateType.ElectronicVoucher));
        Assert.Equal("T002", found.Person.PsnNo);
        Assert.Equal("测试二", found.Person.Name);
        Assert.Equal(Money.FromYuan(100000), found.Person.AccountBalance);
    }

    [Fact]
    public async Task The_code_of_a_phone_without_a_bound_card_is_not_bound() =>
        Assert.IsType<PersonLookup.NotBound>(await sandbox.Insurance.FindPersonAsync(sandbox.Code("t-unbound", Wallet.WeChat), CertificateType.ElectronicVoucher));

    [Fact]
    public async Task A_physical_card_is_found_by_its_number() =>
        Assert.Equal("T001", Assert.IsType<PersonLookup.Found>(await sandbox.Insurance.FindPersonAsync("T-SSN-001", CertificateType.SocialSecurityCard)).Person.PsnNo);

    [Fact]
    public async Task Settlement_by_a_buyer_who_confirms_at_once_pays_from_the_personal_account()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var paid = Assert.IsType<ChannelOutcome.Paid>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay))));
        Assert.Equal(2620, paid.Amount.Fen);
        Assert.StartsWith("SETL", paid.ChannelTradeId);
        Assert.Equal(Movement.InsuranceSettlement, Assert.Single(sandbox.LedgerFor(tradeNo)).Movement);
    }

    [Fact]
    public async Task Settlement_waits_for_the_buyer_and_the_query_sees_the_confirmation()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.WeChat))));
        Assert.IsType<ChannelOutcome.WaitingForBuyer>(await sandbox.Insurance.QueryAsync(tradeNo));

        await sandbox.Http.PostAsync($"/phone/t-manual/confirm?channel=insurance&outTradeNo={tradeNo}", null);

        Assert.IsType<ChannelOutcome.Paid>(await sandbox.Insurance.QueryAsync(tradeNo));
    }

    [Fact]
    public async Task Withdrawing_a_waiting_settlement_charges_nothing()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.Alipay)));
        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.Insurance.CancelAsync(tradeNo));
        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(await sandbox.Insurance.QueryAsync(tradeNo)).Reason);
        Assert.Empty(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task A_personal_account_too_low_fails_before_settlement()
    {
        var outcome = await sandbox.Insurance.PayAsync(Payment(SandboxFixture.NewTradeNo(), sandbox.Code("t-poor", Wallet.Alipay)));
        Assert.Equal(ChannelFailure.BalanceNotEnough, Assert.IsType<ChannelOutcome.Failed>(outcome).Reason);
    }

    [Fact]
    public async Task Cancelling_a_settlement_twice_returns_the_money_once()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var paid = Assert.IsType<ChannelOutcome.Paid>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay))));
        var refund = new ChannelRefund(tradeNo, tradeNo + "R1", paid.Amount, paid.Amount, paid.ChannelTradeId);

        Assert.IsType<RefundOutcome.NotFound>(await sandbox.Insurance.QueryRefundAsync(refund));
        Assert.IsType<RefundOutcome.Refunded>(await sandbox.Insurance.RefundAsync(refund));
        Assert.IsType<RefundOutcome.Refunded>(await sandbox.Insurance.RefundAsync(refund));
        Assert.IsType<RefundOutcome.Refunded>(await sandbox.Insurance.QueryRefundAsync(refund));

        Assert.Equal([Movement.InsuranceSettlement, Movement.InsuranceCancel], sandbox.LedgerFor(tradeNo).Select(e => e.Movement));
    }

    private Money Balance(string customer) => sandbox.State.Customer(customer)!.Card!.Balance;

    private long NetCharged(string tradeNo) =>
        sandbox.LedgerFor(tradeNo).Sum(e => e.Movement == Movement.InsuranceSettlement ? e.AmountFen : e.Movement == Movement.InsuranceCancel ? -e.AmountFen : 0);

    [Fact]
    public async Task A_settlement_whose_answer_is_lost_is_to_be_withdrawn_and_its_2601_charges_nothing()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        var before = Balance("t-auto");
        sandbox.Faults.Add(new FaultRule("insurance", Infno.Settle, FaultKind.LostResponse));

        // The client does not send the 2601 itself: its caller records the withdrawal first.
        Assert.IsType<ChannelOutcome.Withdrawing>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay))));
        Assert.Equal(TradeStatus.Paid, sandbox.State.Find(Channel.Insurance, tradeNo)!.Status);

        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.Insurance.CancelAsync(new OpenPayment(tradeNo, "T001")));
        Assert.Equal(0, NetCharged(tradeNo));
        Assert.Equal(before, Balance("t-auto"));
        Assert.Equal(TradeStatus.Reversed, sandbox.State.Find(Channel.Insurance, tradeNo)!.Status);
    }

    [Fact]
    public async Task When_the_2601_answer_is_lost_too_withdrawing_it_again_leaves_nothing_charged()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        sandbox.Faults.Add(new FaultRule("insurance", Infno.Settle, FaultKind.LostResponse));
        sandbox.Faults.Add(new FaultRule("insurance", Infno.Reverse, FaultKind.LostResponse));

        Assert.IsType<ChannelOutcome.Withdrawing>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-manual", Wallet.Alipay))));
        Assert.IsType<CancelOutcome.Unknown>(await sandbox.Insurance.CancelAsync(new OpenPayment(tradeNo, "T002")));
        sandbox.Faults.Clear();

        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.Insurance.CancelAsync(new OpenPayment(tradeNo, "T002")));
        Assert.Equal(0, NetCharged(tradeNo));
        Assert.Contains(sandbox.State.Find(Channel.Insurance, tradeNo)!.Status, new[] { TradeStatus.Reversed, TradeStatus.Revoked });
    }

    [Fact]
    public async Task A_2102_reversed_before_it_arrived_is_refused_when_it_comes()
    {
        var tradeNo = SandboxFixture.NewTradeNo();

        Assert.IsType<CancelOutcome.Cancelled>(await sandbox.Insurance.CancelAsync(new OpenPayment(tradeNo, "T001")));
        var late = await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay)));

        Assert.Equal(ChannelFailure.TradeClosed, Assert.IsType<ChannelOutcome.Failed>(late).Reason);
        Assert.Empty(sandbox.LedgerFor(tradeNo));
    }

    [Fact]
    public async Task A_2601_naming_another_person_undoes_nothing()
    {
        var tradeNo = SandboxFixture.NewTradeNo();
        Assert.IsType<ChannelOutcome.Paid>(await sandbox.Insurance.PayAsync(Payment(tradeNo, sandbox.Code("t-auto", Wallet.Alipay))));

        Assert.IsType<CancelOutcome.Failed>(await sandbox.Insurance.CancelAsync(new OpenPayment(tradeNo, "T002")));

        Assert.Equal(2620, NetCharged(tradeNo));
    }

    [Fact]
    public async Task Signing_out_sends_9002_for_the_held_sign_in_and_the_next_call_signs_in_again()
    {
        var insurance = sandbox.Insurance; // one client, one sign-in (the POS holds a single one)
        Assert.IsType<PersonLookup.Found>(await insurance.FindPersonAsync(sandbox.Code("t-manual", Wallet.Alipay), CertificateType.ElectronicVoucher));
        var open = sandbox.State.OpenSignIns;

        await insurance.SignOutAsync();

        Assert.Equal(open - 1, sandbox.State.OpenSignIns);
        Assert.IsType<PersonLookup.Found>(await insurance.FindPersonAsync(sandbox.Code("t-manual", Wallet.Alipay), CertificateType.ElectronicVoucher));
        Assert.Equal(open, sandbox.State.OpenSignIns);
    }

    [Fact]
    public async Task An_answer_for_another_message_is_unknown()
    {
        sandbox.Faults.Add(new FaultRule("insurance", Infno.PersonInfo, FaultKind.BadSignature));
        Assert.IsType<PersonLookup.Unknown>(await sandbox.Insurance.FindPersonAsync(sandbox.Code("t-auto", Wallet.Alipay), CertificateType.ElectronicVoucher));
    }

    [Fact]
    public async Task Daily_reconciliation_agrees_only_with_the_platforms_own_totals()
    {
        var today = DateOnly.FromDateTime(BeijingTime.Now(TimeProvider.System).DateTime);
        var entries = sandbox.State.Ledger().Where(e => e.Channel == Channel.Insurance).ToList();
        var net = entries.Where(e => e.Movement == Movement.InsuranceSettlement).Sum(e => e.AmountFen) - entries.Where(e => e.Movement == Movement.InsuranceCancel).Sum(e => e.AmountFen);
        var count = entries.Count(e => e.Movement == Movement.InsuranceSettlement) - entries.Count(e => e.Movement == Movement.InsuranceCancel);

        var (balanced, _) = await sandbox.Insurance.ReconcileDayAsync(today, new Money(net), new Money(net), count);
        var (unbalanced, detail) = await sandbox.Insurance.ReconcileDayAsync(today, new Money(net + 1), new Money(net + 1), count);

        Assert.True(balanced);
        Assert.False(unbalanced);
        Assert.Contains("对账不一致", detail);
    }

    [Fact]
    public async Task The_platform_refuses_an_unsigned_request()
    {
        var response = await sandbox.Http.PostAsync("/fsi/api/rsfComIfsService/callService",
            new StringContent("{\"infno\":\"1101\",\"msgid\":\"x\"}", Encoding.UTF8, "application/json"));
        var answer = InsuranceAnswer.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("-1", answer.Infcode);
        Assert.Equal(InsuranceReasons.BadSignature, answer.Reason);
    }
}
