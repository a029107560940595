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
}
