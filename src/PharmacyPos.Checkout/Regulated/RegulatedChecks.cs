using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Regulated;
using PharmacyPos.Domain.Sales;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout.Regulated;

/// <summary>A pharmacist's 账号 and 密码 typed at the till when the one signed in is not a pharmacist.</summary>
public sealed record PharmacistSignOff(string? UserName, string? Password);

/// <summary>The outcome of filling a regulated form: the field errors to show beside their inputs, or a refusal, or nothing (recorded).</summary>
public sealed record PaperworkResult(IReadOnlyDictionary<string, string> Errors, PosError? Refusal)
{
    public static readonly PaperworkResult Recorded = new(new Dictionary<string, string>(), null);

    public bool IsRecorded => Errors.Count == 0 && Refusal is null;

    /// <summary>The field errors as one message, for the JSON API's typed error.</summary>
    public PosError? AsError(string code) => Refusal ?? (Errors.Count == 0 ? null : new PosError(code, string.Join(" ", Errors.Values)));
}

/// <summary>
/// 处方药 and 含麻黄碱 at the till: the pharmacist's review of a prescription, the buyer's ID, and
/// the store's limits, read from its settings. The rules themselves are <see cref="RegulatedSale"/>'s.
/// </summary>
public sealed class RegulatedChecks(
    PosDbContext db,
    Settings.StoreSettingsService settings,
    Staff.StaffAccounts accounts,
    IOptions<TerminalOptions> terminal,
    TimeProvider clock,
    ILogger<RegulatedChecks> log)
{
    /// <summary>A 3rd ephedrine package refused as it is entered (scanned, typed, or a raised quantity).</summary>
    public async Task<PosError?> LimitOnEntryAsync(Sale sale, Drug drug, int added, CancellationToken ct = default) =>
        drug.ContainsEphedrine ? RegulatedSale.LimitOnEntry(sale, drug, added, (await settings.CurrentAsync(ct)).EphedrineLimit) : null;

    public async Task<PosError?> RefusalAsync(Sale sale, CancellationToken ct = default)
    {
        if (!RegulatedSale.NeedsBuyer(sale) && !RegulatedSale.NeedsPrescription(sale)) return null;
        var current = await settings.CurrentAsync(ct);
        return RegulatedSale.Refusal(sale, current.EphedrineLimit)
            ?? (sale.EphedrineBuyer is { } buyer && current.EphedrineRepeatDays > 0 ? await RepeatAsync(buyer, current.EphedrineRepeatDays, ct) : null);
    }

    /// <summary>
    /// 处方审核: the signed-in pharmacist signs it off, or another pharmacist's credentials typed at
    /// the till (counted against their lock like a refund approval; a refusal is audited).
    /// </summary>
    public async Task<PaperworkResult> ReviewAsync(Sale sale, Prescription.Form form, PharmacistSignOff? signOff, byte[]? photo, CancellationToken ct = default)
    {
        if (!RegulatedSale.NeedsPrescription(sale)) return new(new Dictionary<string, string>(), NoPrescriptionDrugs);
        PrescriptionPhoto? checkedPhoto = null;
        if (photo is not null)
        {
            var p = PrescriptionPhoto.From(photo);
            if (!p.IsSuccess) return new(new Dictionary<string, string>(), p.Error);
            checkedPhoto = p.Value;
        }
        // The form first: a pharmacist's password is not asked for (nor counted) to sign off a form that is not complete.
        var (_, errors) = Prescription.Review(form, db.Actor, "", null, clock.GetUtcNow());
        if (errors.Count > 0) return new(errors, null);

        Actor reviewer;
        if (PrescriptionReview.SignedInMayReview(db.Actor) && string.IsNullOrWhiteSpace(signOff?.UserName)) reviewer = db.Actor;
        else if (string.IsNullOrWhiteSpace(signOff?.UserName)) return new(new Dictionary<string, string>(), PrescriptionReview.ReviewerRequired);
        else
        {
            var verified = await accounts.VerifyPharmacistAsync(signOff.UserName, signOff.Password, ct);
            if (!verified.IsSuccess) return new(new Dictionary<string, string>(), verified.Error);
            reviewer = verified.Value;
        }
        var (prescription, _) = Prescription.Review(form, reviewer, RegulatedSale.ReviewedDrugs(sale), checkedPhoto, clock.GetUtcNow());
        sale.Record(prescription!);
        db.AddAudit(Domain.Audit.AuditActions.PrescriptionReviewed,
            detail: $"处方 {prescription!.Number}（{prescription.Hospital}，{prescription.Doctor}）审核药师 {reviewer}：{prescription.Drugs}");
        await db.SaveChangesAsync(ct);
        log.LogInformation("Prescription {Number} reviewed by {Pharmacist} for {Drugs}", prescription.Number, reviewer.UserName, prescription.Drugs);
        return PaperworkResult.Recorded;
    }

    /// <summary>含麻黄碱: the buyer's name and ID number, checked as every ID number is (GB 11643).</summary>
    public PaperworkResult RecordBuyer(Sale sale, EphedrineBuyer.Form form)
    {
        if (!RegulatedSale.NeedsBuyer(sale)) return new(new Dictionary<string, string>(), NoEphedrineDrugs);
        var (buyer, errors) = EphedrineBuyer.Fill(form);
        if (buyer is null) return new(errors, null);
        sale.Record(buyer);
        return PaperworkResult.Recorded;
    }

    /// <summary>
    /// The store's own rule (some provinces have one): the same ID number not again within N days,
    /// counting paid purchases and ones still being paid. A sealed number seals the same way every
    /// time, so it is matched in the query.
    /// </summary>
    private async Task<PosError?> RepeatAsync(EphedrineBuyer buyer, int days, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-days);
        var storeId = terminal.Value.StoreId;
        var id = buyer.Id.Value;
        var last = await db.EphedrineSales.AsNoTracking()
            .Where(e => e.StoreId == storeId && e.SoldAt >= since && e.BuyerId == id)
            .Join(db.Orders.Where(o => o.StoreId == storeId && (o.Status == OrderStatus.Paid || o.Status == OrderStatus.Pending)),
                e => e.TradeNo, o => o.TradeNo, (e, o) => e.SoldAt)
            .OrderByDescending(at => at).Select(at => (DateTimeOffset?)at).FirstOrDefaultAsync(ct);
        return last is { } at ? RegulatedSale.RepeatWithin(days, at) : null;
    }

    public static readonly PosError NoPrescriptionDrugs = new("NO_PRESCRIPTION_DRUGS", "本单没有处方药，无需登记处方。");
    public static readonly PosError NoEphedrineDrugs = new("NO_EPHEDRINE_DRUGS", "本单没有含麻黄碱药品，无需登记购买人。");
}
