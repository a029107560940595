using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Reconciliation;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>对账 against the channels' own records, over real bills (Alipay zip, WeChat downloadbill) and 5203/3201.</summary>
public sealed class ReconciliationTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    private async Task<AttemptView> PaidAsync(string customer, Wallet wallet, string drug)
    {
        var (checkout, db) = h.Checkout();
        await using var _ = db;
        var attempt = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync(drug), h.Code(customer, wallet), null)).Attempt;
        Assert.Equal(OrderStatus.Paid, attempt.Status);
        return attempt;
    }

    private async Task RefundAsync(AttemptView a)
    {
        var (refunds, db) = h.Refunds();
        await using var _ = db;
        Assert.True((await refunds.RefundAsync(a.OrderId)).IsSuccess);
    }

    private async Task SqlAsync(string sql, params object[] args)
    {
        await using var db = h.Database.NewContext();
        await db.Database.ExecuteSqlRawAsync(sql, args);
    }

    private DateOnly Today => DateOnly.FromDateTime(BeijingTime.Now(h.Clock).DateTime);

    [Fact]
    public async Task A_clean_day_reconciles_to_nothing_and_every_kind_of_difference_is_found_after_the_books_part()
    {
        var alipay = await PaidAsync("unbound", Wallet.Alipay, "YP00202");
        var weChat = await PaidAsync("unbound", Wallet.WeChat, "YP00202");
        await RefundAsync(weChat);
        var insured = await PaidAsync("rich-bound", Wallet.Alipay, "YP00001");
        var insuredRefunded = await PaidAsync("rich-bound", Wallet.WeChat, "YP00004");
        await RefundAsync(insuredRefunded);
        Assert.Equal(PaymentMethod.InsuranceAccount, insured.Method);
        // A physical card swiped the same day: the platform's 3201 counts it, so the POS must too.
        var (checkout, cdb) = h.Checkout();
        await using (cdb)
        {
            var card = Assert.IsType<ScanResult.Started>(await checkout.SwipeCardAsync(await h.SaleAsync("YP00001"), "SSN-P1", null)).Attempt;
            Assert.Equal((PaymentMethod.SocialSecurityCard, OrderStatus.Paid), (card.Method, card.Status));
        }

        var (reconciliation, db) = h.Reconciliation();
        await using (db)
        {
            var clean = await reconciliation.RunAsync(Today);
            Assert.True(clean.NotReconciled.Count == 0, string.Join("; ", clean.NotReconciled));
            Assert.True(clean.Differences.Count == 0, string.Join("; ", clean.Differences));
            Assert.Equal(5, clean.TradesCompared);
        }

        // The books part: the POS forgets a payment, invents one, misstates an amount; the channel refunds on its own.
        var forgotten = await PaidAsync("unbound", Wallet.Alipay, "YP00202");
        await SqlAsync("UPDATE orders SET \"Status\" = {0} WHERE \"Id\" = {1}", (int)OrderStatus.Failed, forgotten.OrderId);
        await SqlAsync("UPDATE orders SET \"Total\" = \"Total\" + 1 WHERE \"Id\" = {0}", alipay.OrderId);
        await SqlAsync("UPDATE orders SET \"Total\" = \"Total\" + 7 WHERE \"Id\" = {0}", insured.OrderId);
        var invented = await PaidAsync("unbound", Wallet.WeChat, "YP00202");
        Assert.Equal(PharmacyPos.Sandbox.Model.RefundStatus.Refunded, h.Sandbox.Refund(Channel.WeChat, invented.TradeNo.Value, invented.TradeNo.Value + "X", invented.Total).Item1);

        var (again, db2) = h.Reconciliation();
        await using (db2)
        {
            var report = await again.RunAsync(Today);
            Assert.Contains(report.Differences, d => d is { Kind: DifferenceKind.ChargedNotPaid } && d.TradeNo == forgotten.TradeNo.Value);
            Assert.Contains(report.Differences, d => d is { Kind: DifferenceKind.AmountMismatch } && d.TradeNo == alipay.TradeNo.Value);
            Assert.Contains(report.Differences, d => d is { Kind: DifferenceKind.AmountMismatch, Channel: PaymentMethod.InsuranceAccount } && d.TradeNo == insured.TradeNo.Value);
            Assert.Contains(report.Differences, d => d is { Kind: DifferenceKind.RefundMismatch } && d.TradeNo == invented.TradeNo.Value);
            // The totals' difference is explained in its own 说明, not in the 交易号 and 退款单号 columns.
            var totals = Assert.Single(report.Differences, d => d.Kind == DifferenceKind.TotalsMismatch);
            Assert.Equal(("", null), (totals.TradeNo, totals.RefundNo));
            Assert.Contains("医保对总账（3201）不平", totals.Note);

            // Kept, for the page and the auditors.
            Assert.Equal(report.Differences.Count, (await again.LatestAsync(Today))!.Differences.Count);
        }
    }
}
