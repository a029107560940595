using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Sales;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// The rules a sale holding regulated drugs must meet before any money moves, whatever the way of
/// paying: a reviewed prescription for its 处方药 lines, a registered buyer and at most the store's
/// limit of smallest packages for its 含麻黄碱 lines. Checked at entry (so a 3rd box is refused
/// as it is scanned or typed) and again at payment (the one gate every method passes).
/// </summary>
public static class RegulatedSale
{
    /// <summary>国食药监办〔2012〕260号: 除处方药按处方剂量销售外，一次销售不得超过 2 个最小包装.</summary>
    public const int NationalEphedrineLimit = 2;

    public static IEnumerable<SaleLine> PrescriptionLines(Sale sale) => sale.Lines.Where(l => l.Drug.IsPrescription);

    public static IEnumerable<SaleLine> EphedrineLines(Sale sale) => sale.Lines.Where(l => l.Drug.ContainsEphedrine);

    public static bool NeedsPrescription(Sale sale) => PrescriptionLines(sale).Any();

    public static bool NeedsBuyer(Sale sale) => EphedrineLines(sale).Any();

    /// <summary>What the pharmacist reviews: the 处方药 lines by name, 规格 and quantity, merged over batches.</summary>
    public static string ReviewedDrugs(Sale sale) => string.Join("；", PrescriptionLines(sale)
        .GroupBy(l => l.Drug.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.First().Drug.Name} {g.First().Drug.Specification} {string.Join("+", g.GroupBy(l => l.Unit).Select(u => $"×{u.Sum(l => l.Quantity)}{u.Key}"))}"));

    /// <summary>A prescription is on the sale and was reviewed for the 处方药 lines as they are now.</summary>
    public static bool PrescriptionReviewed(Sale sale) => sale.Prescription is { } rx && rx.Drugs == ReviewedDrugs(sale);

    /// <summary>Everything the regulated lines ask for is recorded (the limit aside: that is refused at entry).</summary>
    public static bool PaperworkComplete(Sale sale) =>
        (!NeedsPrescription(sale) || PrescriptionReviewed(sale)) && (!NeedsBuyer(sale) || sale.EphedrineBuyer is not null);

    /// <summary>
    /// Smallest packages of ephedrine preparations under the limit, all such drugs together; split
    /// units count as the part of a package they are, so 2 boxes and 1 tablet are more than 2
    /// packages. A 处方药 among them is sold at its prescription's dose (除处方药按处方剂量销售外): not counted.
    /// </summary>
    public static decimal EphedrinePackages(Sale sale) => EphedrineLines(sale).Where(Limited).Sum(l => Packages(l.Drug, l.StockUnits));

    /// <summary>Would <paramref name="added"/> more (boxes, or split units) of <paramref name="drug"/> take the sale over the limit?</summary>
    public static PosError? LimitOnEntry(Sale sale, Drug drug, int added, int limit, bool split = false) =>
        drug.ContainsEphedrine && !drug.IsPrescription && added > 0
        && EphedrinePackages(sale) + Packages(drug, added * SaleLine.UnitsPer(drug, split)) > limit
            ? OverLimit(limit, EphedrinePackages(sale)) : null;

    private static bool Limited(SaleLine line) => !line.Drug.IsPrescription;

    private static decimal Packages(Drug drug, int stockUnits) => stockUnits / (decimal)(drug.Split?.PerPack ?? 1);

    /// <summary>At payment, in this order: the ephedrine limit, the buyer, the prescription and its review still matching the sale.</summary>
    public static PosError? Refusal(Sale sale, int ephedrineLimit)
    {
        if (NeedsBuyer(sale))
        {
            if (EphedrinePackages(sale) > ephedrineLimit) return OverLimit(ephedrineLimit, EphedrinePackages(sale));
            if (sale.EphedrineBuyer is null) return BuyerRequired(sale);
        }
        if (NeedsPrescription(sale) && !PrescriptionReviewed(sale))
            return sale.Prescription is null ? PrescriptionRequired(sale) : PrescriptionChanged;
        return null;
    }

    /// <summary>The register rows a sale leaves with its order: its prescription, a 含麻黄碱 row per ephedrine line, a 拆零记录 per split line.</summary>
    public static RegulatedRecords Records(Sale sale, TradeNo tradeNo, int storeId, DateTimeOffset at)
    {
        var rx = NeedsPrescription(sale) ? sale.Prescription?.For(tradeNo, storeId, at) : null;
        var ephedrine = sale.EphedrineBuyer is { } buyer
            ? EphedrineLines(sale).Select(l => EphedrineSale.For(l, buyer, tradeNo, storeId, at)).ToList()
            : [];
        var split = sale.Lines.Where(l => l.IsSplit).Select(l => SplitSale.For(l, tradeNo, storeId, at)).ToList();
        return new(rx, ephedrine, split);
    }

    public static PosError OverLimit(int limit, decimal already) => new("EPHEDRINE_LIMIT",
        $"含麻黄碱类复方制剂一次最多销售 {limit} 个最小包装（本单已有 {already.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} 个），未录入。", ErrorKind.Conflict);

    public static PosError BuyerRequired(Sale sale) => new("EPHEDRINE_BUYER_REQUIRED",
        $"{string.Join("、", EphedrineLines(sale).Select(l => l.Drug.Name).Distinct())} 含麻黄碱，须查验购买人身份证并登记姓名和身份证号（F4），未收款。");

    public static PosError PrescriptionRequired(Sale sale) => new("PRESCRIPTION_REQUIRED",
        $"{string.Join("、", PrescriptionLines(sale).Select(l => l.Drug.Name).Distinct())} 是处方药，须登记处方并经药师审核（F4），未收款。");

    public static readonly PosError PrescriptionChanged = new("PRESCRIPTION_CHANGED",
        "处方审核后处方药品或数量有变动，须药师重新审核（F4），未收款。");

    public static PosError RepeatWithin(int days, DateTimeOffset last) => new("EPHEDRINE_REPEAT",
        $"该身份证号 {BeijingTime.Text(last)} 已购买过含麻黄碱类复方制剂，本店规定 {days} 天内不得再次购买，未收款。", ErrorKind.Conflict);
}

/// <summary>What a sale leaves in the registers, saved in the order's own transaction.</summary>
public sealed record RegulatedRecords(Prescription? Prescription, IReadOnlyList<EphedrineSale> Ephedrine, IReadOnlyList<SplitSale> Split)
{
    public IEnumerable<object> All => new object?[] { Prescription }.OfType<object>().Concat(Ephedrine).Concat(Split);
}
