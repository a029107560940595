using PharmacyPos.Domain;
using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Domain.Tests;

internal static class Drugs
{
    public static Drug Mapped(string code = "YP1", decimal price = 12.50m) =>
        new(code, "69" + code.GetHashCode().ToString("D11")[^11..], "阿莫西林胶囊", "0.25g*24粒", "某制药", "盒",
            Money.FromYuan(price), "AMXLJN", "XJ01CA04A000000000000001", whollySelfPaid: false, InsuranceCategory.Jia);

    public static Drug Unmapped(string code = "YP2", decimal price = 3.00m) =>
        new(code, "6900000000002", "清凉油", "3g", "某厂", "盒", Money.FromYuan(price), "QLY", null, false, null);

    public static Drug SelfPaid(string code = "YP3", decimal price = 29.90m) =>
        new(code, "6900000000003", "维生素C泡腾片", "1g*20片", "某厂", "支", Money.FromYuan(price), "WSSCPTP",
            "XA11GA01A000000000000001", whollySelfPaid: true, InsuranceCategory.Bing);

    public static Drug Prescription(string code = "RX1", decimal price = 18.00m) =>
        new(code, "6900000000101", "硝苯地平缓释片", "20mg*30片", "某制药", "盒", Money.FromYuan(price), "XBDPHSP",
            "XC08CA05A000000000000001", false, InsuranceCategory.Jia, DrugClass.Prescription);

    public static Drug Ephedrine(string code = "MH1", decimal price = 21.80m) =>
        new(code, "6900000000201", "酚麻美敏片", "10片", "某制药", "盒", Money.FromYuan(price), "FMMMP",
            null, true, null, DrugClass.OtcA, containsEphedrine: true);

    /// <summary>More than 30 mg of ephedrines a unit: a 处方药 as well (sold at the prescription's dose, with the buyer registered).</summary>
    public static Drug PrescriptionEphedrine(string code = "MHRX") =>
        new(code, "6900000000202", "复方盐酸伪麻黄碱缓释胶囊", "8粒", "某制药", "盒", Money.FromYuan(21.80m), "FFYSWMHJHSJN",
            null, true, null, DrugClass.Prescription, containsEphedrine: true);

    /// <summary>Sold by the box (20 capsules) or 拆零 by the capsule at ¥0.90.</summary>
    public static Drug Splittable(string code = "CF1", bool ephedrine = false) =>
        new(code, "6900000000301", ephedrine ? "酚麻美敏片" : "布洛芬缓释胶囊", "0.3g*20粒", "某制药", "盒", Money.FromYuan(17.60m), "BLFHSJN",
            "XM01AE01A000000000000001", false, InsuranceCategory.Jia, DrugClass.OtcA, ephedrine, new DrugSplit("粒", 20, Money.FromYuan(0.90m)));
}
