using Microsoft.EntityFrameworkCore;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Checkout.Regulated;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Domain.Regulated;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Tests;

/// <summary>处方药 and 含麻黄碱 at the till: nothing is paid, by any method, until the paperwork the rules ask for is recorded.</summary>
public sealed class RegulatedCheckoutTests(MobileHarness h) : IClassFixture<MobileHarness>, IAsyncLifetime
{
    private const string Nifedipine = "YP00061", Contac = "YP00256", Baijiahei = "YP00257";
    private static readonly Actor Pharmacist = new("pharmacist", "演示药师", StaffRole.Pharmacist);
    private static readonly Prescription.Form Form = new("杭州市第一人民医院", "CF20261130-0042", "李医生", "张三");

    public async Task InitializeAsync()
    {
        await using var db = h.Database.NewContext();
        await h.Staff(db).SeedDemoAsync(1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Id(string first17) => first17 + ResidentId.CheckCharacter(first17);

    private async Task<int> OrdersAsync()
    {
        await using var db = h.Database.NewContext();
        return await db.Orders.CountAsync();
    }

    [Fact]
    public async Task A_prescription_drug_is_not_paid_in_cash_until_a_pharmacist_signs_its_prescription_off_and_then_it_is_registered()
    {
        var sale = await h.SaleAsync(Nifedipine);
        var before = await OrdersAsync();
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            var refused = await h.Cash(db).PayAsync(sale, "100");
            Assert.Equal("PRESCRIPTION_REQUIRED", refused.Error!.Code);
            Assert.Equal(before, await OrdersAsync());

            var reviewed = await h.Regulated(db).ReviewAsync(sale, Form, new PharmacistSignOff("pharmacist", "yaoshi2026"), null);
            Assert.True(reviewed.IsRecorded, reviewed.Refusal?.Message);
        }
        Domain.Orders.Order order;
        await using (var db = h.ContextFor(MobileHarness.Cashier))
            order = (await h.Cash(db).PayAsync(sale, "100")).Value;

        await using var check = h.Database.NewContext();
        var rx = await check.Prescriptions.SingleAsync(p => p.TradeNo == order.TradeNo);
        Assert.Equal(("CF20261130-0042", "杭州市第一人民医院", "李医生", "张三", "pharmacist"), (rx.Number, rx.Hospital, rx.Doctor, rx.PatientName, rx.PharmacistUserName));
        Assert.Equal("硝苯地平缓释片 20mg*30片 ×1盒", rx.Drugs);
        var audit = await check.Audit.Where(a => a.Action == AuditActions.PrescriptionReviewed).ToListAsync();
        Assert.Contains(audit, a => a.UserName == "cashier" && a.Detail!.Contains("演示药师"));
    }

    [Fact]
    public async Task A_managers_or_cashiers_account_or_a_wrong_password_does_not_sign_off_and_each_refusal_is_audited()
    {
        var sale = await h.SaleAsync(Nifedipine);
        await using var db = h.ContextFor(MobileHarness.Cashier);
        var checks = h.Regulated(db);
        Assert.Equal("REVIEWER_NOT_PHARMACIST", (await checks.ReviewAsync(sale, Form, new("manager", "dianzhang2026"), null)).Refusal!.Code);
        Assert.Equal("REVIEWER_NOT_PHARMACIST", (await checks.ReviewAsync(sale, Form, new("cashier", "shouyin2026"), null)).Refusal!.Code);
        Assert.Equal("PHARMACIST_INVALID", (await checks.ReviewAsync(sale, Form, new("pharmacist", "wrong-password"), null)).Refusal!.Code);
        Assert.Equal("PHARMACIST_REQUIRED", (await checks.ReviewAsync(sale, Form, null, null)).Refusal!.Code);
        Assert.Null(sale.Prescription);

        await using var check = h.Database.NewContext();
        Assert.Equal(3, await check.Audit.CountAsync(a => a.Action == AuditActions.PrescriptionReviewRefused && a.UserName == "cashier"));
        Assert.Equal(1, (await check.StaffAccounts.SingleAsync(a => a.UserName == "pharmacist")).FailedSignIns);
    }

    [Fact]
    public async Task A_signed_in_pharmacist_reviews_without_typing_a_password_and_a_bad_photo_is_refused()
    {
        var sale = await h.SaleAsync(Nifedipine);
        await using var db = h.ContextFor(Pharmacist);
        var checks = h.Regulated(db);
        Assert.Equal("PHOTO_NOT_IMAGE", (await checks.ReviewAsync(sale, Form, null, "%PDF-1.7"u8.ToArray())).Refusal!.Code);
        var badNumber = await checks.ReviewAsync(sale, Form with { Number = "\u0007\u0008" }, null, null);
        Assert.Contains("Number", badNumber.Errors.Keys);
        Assert.Null(sale.Prescription);

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        Assert.True((await checks.ReviewAsync(sale, Form, null, png)).IsRecorded);
        Assert.Equal(("pharmacist", "image/png"), (sale.Prescription!.PharmacistUserName, sale.Prescription.PhotoType));
    }

    [Fact]
    public async Task A_mobile_payment_of_a_prescription_drug_without_review_is_refused_before_anything_is_charged()
    {
        var before = await OrdersAsync();
        var charges = h.Sandbox.Ledger().Count;
        var (checkout, db) = h.Checkout(h.ContextFor(MobileHarness.Cashier));
        await using (db)
        {
            var result = await checkout.ScanAsync(await h.SaleAsync(Nifedipine), h.Code("rich-bound", Wallet.Alipay), null);
            Assert.Equal("PRESCRIPTION_REQUIRED", Assert.IsType<ScanResult.Refused>(result).Error.Code);
        }
        Assert.Equal(before, await OrdersAsync());
        Assert.Equal(charges, h.Sandbox.Ledger().Count);
    }

    [Fact]
    public async Task An_ephedrine_sale_needs_its_buyer_and_writes_the_register_with_the_id_number_sealed()
    {
        var sale = await h.SaleAsync(Contac, Baijiahei);
        var id = Id("33010619800101123");
        await using (var db = h.ContextFor(MobileHarness.Cashier))
        {
            Assert.Equal("EPHEDRINE_BUYER_REQUIRED", (await h.Cash(db).PayAsync(sale, "100")).Error!.Code);
            var bad = h.Regulated(db).RecordBuyer(sale, new("王五", "330106198001011230"));
            Assert.Contains("IdNumber", bad.Errors.Keys);
            Assert.True(h.Regulated(db).RecordBuyer(sale, new("王五", id)).IsRecorded);
        }
        Domain.Orders.Order order;
        await using (var db = h.ContextFor(MobileHarness.Cashier))
            order = (await h.Cash(db).PayAsync(sale, "100")).Value;

        await using var check = h.Database.NewContext();
        var rows = await check.EphedrineSales.Where(e => e.TradeNo == order.TradeNo).OrderBy(e => e.DrugCode).ToListAsync();
        Assert.Equal([Contac, Baijiahei], rows.Select(r => r.DrugCode));
        Assert.All(rows, r => Assert.Equal(("王五", id, 1), (r.BuyerName, r.BuyerId, r.Quantity)));
        var stored = await check.Database.SqlQueryRaw<string>("SELECT \"BuyerId\" AS \"Value\" FROM ephedrine_sales").ToListAsync();
        Assert.All(stored, s => Assert.DoesNotContain(id, s));
    }

    [Fact]
    public async Task A_third_ephedrine_box_is_refused_as_it_is_entered_or_raised_and_over_the_limit_nothing_is_paid()
    {
        await h.ReceiveAsync(Contac, "MH2026A", 20);
        await h.ReceiveAsync(Baijiahei, "BJH2026A", 20);
        await using var db = h.ContextFor(MobileHarness.Cashier);
        var stock = h.Stock(db);
        var sale = new Sale();
        var contac = await db.Drugs.SingleAsync(d => d.Code == Contac);
        var baijiahei = await db.Drugs.SingleAsync(d => d.Code == Baijiahei);
        Assert.True((await stock.EnterAsync(sale, contac, 2)).IsSuccess);
        Assert.Equal("EPHEDRINE_LIMIT", (await stock.EnterAsync(sale, contac, 1)).Error!.Code);
        Assert.Equal("EPHEDRINE_LIMIT", (await stock.EnterAsync(sale, baijiahei, 1)).Error!.Code);
        Assert.Equal(2, sale.ItemCount);

        sale.ChangeQuantity(0, 1);
        Assert.True((await stock.EnterAsync(sale, baijiahei, 1)).IsSuccess);
        Assert.Equal("EPHEDRINE_LIMIT", (await stock.ChangeQuantityAsync(sale, 1, 2)).Error!.Code);
        Assert.Equal(2, sale.ItemCount);
    }

    [Fact]
    public async Task A_store_that_refuses_a_repeat_purchase_within_7_days_refuses_the_same_id_and_not_another()
    {
        await using (var manager = h.ContextFor(MobileHarness.Manager))
            Assert.Null(await h.Settings(manager).EphedrineRulesAsync(2, 7));
        try
        {
            var id = Id("44030519900202345");
            Assert.True((await PayEphedrineAsync(id)).IsSuccess);
            var again = await PayEphedrineAsync(id);
            Assert.Equal("EPHEDRINE_REPEAT", again.Error!.Code);
            Assert.Contains("7 天内", again.Error.Message);
            Assert.True((await PayEphedrineAsync(Id("44030519900202346"))).IsSuccess);
            h.Clock.Advance(TimeSpan.FromDays(8));
            Assert.True((await PayEphedrineAsync(id)).IsSuccess);
        }
        finally
        {
            await using var manager = h.ContextFor(MobileHarness.Manager);
            Assert.Null(await h.Settings(manager).EphedrineRulesAsync(2, 0));
        }
    }

    [Fact]
    public async Task The_limit_is_a_store_setting_of_at_most_the_national_two()
    {
        await using var manager = h.ContextFor(MobileHarness.Manager);
        Assert.Equal("EPHEDRINE_LIMIT_INVALID", (await h.Settings(manager).EphedrineRulesAsync(3, 0))!.Code);
        Assert.Equal("EPHEDRINE_REPEAT_DAYS_INVALID", (await h.Settings(manager).EphedrineRulesAsync(2, -1))!.Code);
        await using var cashier = h.ContextFor(MobileHarness.Cashier);
        Assert.NotNull(await h.Settings(cashier).EphedrineRulesAsync(1, 0));
        Assert.Equal(2, (await h.Settings(cashier).CurrentAsync()).EphedrineLimit);
    }

    private async Task<Domain.Errors.Result<Domain.Orders.Order>> PayEphedrineAsync(string id)
    {
        var sale = await h.SaleAsync(Contac);
        await using var db = h.ContextFor(MobileHarness.Cashier);
        Assert.True(h.Regulated(db).RecordBuyer(sale, new("赵六", id)).IsRecorded);
        return await h.Cash(db).PayAsync(sale, "50");
    }
}
