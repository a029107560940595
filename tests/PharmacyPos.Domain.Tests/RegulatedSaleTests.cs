using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Regulated;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Tests;

public class RegulatedSaleTests
{
    private static readonly Actor Pharmacist = new("yaoshi", "王药师", StaffRole.Pharmacist);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
    private const string ValidId = "11010519491231002X";

    private static Prescription.Form GoodForm => new("杭州市第一人民医院", "CF20261130-0042", "李医生", "张三");

    private static Prescription Reviewed(Sale sale) =>
        Prescription.Review(GoodForm, Pharmacist, RegulatedSale.ReviewedDrugs(sale), null, Now).Prescription!;

    [Fact]
    public void A_sale_with_an_otc_drug_only_needs_nothing()
    {
        var sale = new Sale();
        sale.Add(Drugs.Mapped());
        Assert.Null(RegulatedSale.Refusal(sale, 2));
    }

    [Fact]
    public void A_prescription_drug_is_refused_at_payment_until_a_pharmacist_has_reviewed_its_prescription()
    {
        var sale = new Sale();
        sale.Add(Drugs.Prescription(), 2);
        Assert.Equal("PRESCRIPTION_REQUIRED", RegulatedSale.Refusal(sale, 2)!.Code);
        Assert.Contains("硝苯地平缓释片", RegulatedSale.Refusal(sale, 2)!.Message);

        sale.Record(Reviewed(sale));
        Assert.Null(RegulatedSale.Refusal(sale, 2));
    }

    [Fact]
    public void Raising_a_reviewed_prescription_drugs_quantity_needs_the_review_again()
    {
        var sale = new Sale();
        sale.Add(Drugs.Prescription(), 1);
        sale.Record(Reviewed(sale));
        sale.ChangeQuantity(0, 3);
        Assert.Equal("PRESCRIPTION_CHANGED", RegulatedSale.Refusal(sale, 2)!.Code);
    }

    [Theory]
    [InlineData("", "CF1", "李医生", "张三", "Hospital")]
    [InlineData("杭州市第一人民医院", "CF\u0001\u0002", "李医生", "张三", "Number")]
    [InlineData("杭州市第一人民医院", "\u200B\u200B", "李医生", "张三", "Number")]
    [InlineData("杭州市第一人民医院", "CF1", "   ", "张三", "Doctor")]
    [InlineData("杭州市第一人民医院", "CF1", "李医生", "\u200B \u200B", "PatientName")]
    public void A_prescription_form_with_an_empty_or_invisible_field_names_that_field(string hospital, string number, string doctor, string patient, string field)
    {
        var (rx, errors) = Prescription.Review(new(hospital, number, doctor, patient), Pharmacist, "x", null, Now);
        Assert.Null(rx);
        Assert.True(errors.ContainsKey(field), string.Join(",", errors.Keys));
    }

    [Fact]
    public void Only_a_pharmacist_may_review_a_prescription_and_a_manager_is_not_one()
    {
        Assert.Null(PrescriptionReview.CheckReviewer(Pharmacist, Pharmacist));
        var manager = new Actor("manager", "店长", StaffRole.Manager);
        var cashier = new Actor("cashier", "收银员", StaffRole.Cashier);
        Assert.Equal("REVIEWER_NOT_PHARMACIST", PrescriptionReview.CheckReviewer(manager, cashier)!.Code);
        Assert.Equal("REVIEWER_NOT_PHARMACIST", PrescriptionReview.CheckReviewer(cashier, cashier)!.Code);
        Assert.True(StaffRole.Pharmacist.Allows(Permission.Sell));
        Assert.True(StaffRole.Pharmacist.Allows(Permission.ViewRegulatedRecords));
        Assert.False(StaffRole.Pharmacist.Allows(Permission.ApproveRefunds));
        Assert.False(StaffRole.Cashier.Allows(Permission.ViewRegulatedRecords));
        Assert.Equal("药师", StaffRole.Pharmacist.ToChinese());
    }

    [Fact]
    public void An_ephedrine_sale_needs_its_buyer_registered()
    {
        var sale = new Sale();
        sale.Add(Drugs.Ephedrine());
        Assert.Equal("EPHEDRINE_BUYER_REQUIRED", RegulatedSale.Refusal(sale, 2)!.Code);
        var (buyer, errors) = EphedrineBuyer.Fill(new("王五", ValidId));
        Assert.Empty(errors);
        sale.Record(buyer!);
        Assert.Null(RegulatedSale.Refusal(sale, 2));
    }

    [Theory]
    [InlineData("王五", "110105194912310021", "IdNumber")]
    [InlineData("王五", "1101051949", "IdNumber")]
    [InlineData("\u200B\u200C ", ValidId, "Name")]
    [InlineData("   ", ValidId, "Name")]
    public void An_invalid_id_number_or_a_name_of_nothing_visible_is_refused(string name, string id, string field)
    {
        var (buyer, errors) = EphedrineBuyer.Fill(new(name, id));
        Assert.Null(buyer);
        Assert.True(errors.ContainsKey(field));
    }

    [Fact]
    public void A_third_ephedrine_package_is_refused_whether_scanned_raised_or_of_another_ephedrine_drug()
    {
        var sale = new Sale();
        var a = Drugs.Ephedrine("MH1");
        var b = Drugs.Ephedrine("MH2");
        Assert.Null(RegulatedSale.LimitOnEntry(sale, a, 2, 2));
        sale.Add(a, 2);
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(sale, a, 1, 2)!.Code);
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(sale, b, 1, 2)!.Code);
        Assert.Null(RegulatedSale.LimitOnEntry(sale, Drugs.Mapped(), 5, 2));
        // A province's stricter setting.
        var one = new Sale();
        one.Add(b, 1);
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(one, a, 1, 1)!.Code);
    }

    [Fact]
    public void A_prescription_ephedrine_drug_is_sold_at_its_prescriptions_dose_not_the_two_box_limit_but_needs_both_records()
    {
        var drug = Drugs.PrescriptionEphedrine();
        var sale = new Sale();
        Assert.Null(RegulatedSale.LimitOnEntry(sale, drug, 3, 2));
        sale.Add(drug, 3);
        Assert.Equal(0m, RegulatedSale.EphedrinePackages(sale));
        Assert.Equal("EPHEDRINE_BUYER_REQUIRED", RegulatedSale.Refusal(sale, 2)!.Code);
        sale.Record(EphedrineBuyer.Fill(new("王五", ValidId)).Buyer!);
        Assert.Equal("PRESCRIPTION_REQUIRED", RegulatedSale.Refusal(sale, 2)!.Code);
        sale.Record(Reviewed(sale));
        Assert.Null(RegulatedSale.Refusal(sale, 2));
        // The OTC ones beside it still count.
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.LimitOnEntry(sale, Drugs.Ephedrine(), 3, 2)!.Code);
    }

    [Fact]
    public void Over_the_limit_at_payment_is_refused_even_with_a_buyer()
    {
        var sale = new Sale();
        sale.Add(Drugs.Ephedrine(), 3);
        sale.Record(EphedrineBuyer.Fill(new("王五", ValidId)).Buyer!);
        Assert.Equal("EPHEDRINE_LIMIT", RegulatedSale.Refusal(sale, 2)!.Code);
    }

    [Fact]
    public void The_records_are_a_prescription_row_and_one_ephedrine_row_per_line_with_batch_and_buyer()
    {
        var sale = new Sale();
        sale.Add(Drugs.Prescription());
        sale.Add(Drugs.Ephedrine(), 2, new Stock.LineBatch(7, "L2026A", new DateOnly(2028, 1, 1), false));
        sale.Record(Reviewed(sale));
        sale.Record(EphedrineBuyer.Fill(new("王五", ValidId)).Buyer!);
        var tradeNo = Orders.TradeNo.New(Now, 1, 1, new Random(1));
        var (rx, ephedrine, _) = RegulatedSale.Records(sale, tradeNo, 1, Now);
        Assert.Equal(tradeNo, rx!.TradeNo);
        Assert.Equal("yaoshi", rx.PharmacistUserName);
        var row = Assert.Single(ephedrine);
        Assert.Equal(("L2026A", 2, ValidId, "1101**********002X"), (row.LotNo, row.Quantity, row.BuyerId, row.BuyerIdMasked));
        // The review stays with the sale for another attempt; each attempt writes its own row.
        Assert.NotSame(rx, RegulatedSale.Records(sale, tradeNo, 1, Now).Prescription);
    }

    [Fact]
    public void A_photo_is_an_image_by_its_bytes_and_at_most_5_MB()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];
        Assert.Equal("image/png", PrescriptionPhoto.From(png).Value.ContentType);
        Assert.Equal("image/jpeg", PrescriptionPhoto.From([0xFF, 0xD8, 0xFF, 0xE0, 0]).Value.ContentType);
        Assert.Equal("PHOTO_NOT_IMAGE", PrescriptionPhoto.From("%PDF-1.7 hello"u8.ToArray()).Error!.Code);
        Assert.Equal("PHOTO_EMPTY", PrescriptionPhoto.From([]).Error!.Code);
        var big = new byte[PrescriptionPhoto.MaxBytes + 1];
        big[0] = 0xFF; big[1] = 0xD8; big[2] = 0xFF;
        Assert.Equal("PHOTO_TOO_LARGE", PrescriptionPhoto.From(big).Error!.Code);
    }

    [Theory]
    [InlineData("处方药", DrugClass.Prescription)]
    [InlineData("Rx", DrugClass.Prescription)]
    [InlineData("甲类非处方药", DrugClass.OtcA)]
    [InlineData("OTC甲", DrugClass.OtcA)]
    [InlineData("", DrugClass.OtcB)]
    [InlineData("乙类非处方药", DrugClass.OtcB)]
    public void A_catalogue_files_class_words_are_understood(string text, DrugClass expected)
    {
        Assert.True(DrugClasses.TryParse(text, out var c));
        Assert.Equal(expected, c);
        Assert.False(DrugClasses.TryParse("保健品", out _));
    }
}
