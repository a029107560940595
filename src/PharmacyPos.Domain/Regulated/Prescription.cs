using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// 处方登记: the prescription a 处方药 was sold against, and the pharmacist who reviewed it
/// (《药品经营质量管理规范》第一百六十九条/《处方管理办法》: 处方经执业药师审核后方可调配销售).
/// It is reviewed at the till before payment and tied to the order when the order is written.
/// </summary>
public sealed class Prescription
{
    public const int HospitalMax = 50, NumberMax = 40;

    private Prescription() { }

    public long Id { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    /// <summary>处方来源: the hospital or clinic that wrote it.</summary>
    public string Hospital { get; private set; } = "";
    /// <summary>处方号.</summary>
    public string Number { get; private set; } = "";
    /// <summary>开方医师.</summary>
    public string Doctor { get; private set; } = "";
    public string PatientName { get; private set; } = "";
    /// <summary>审核药师: the account that signed it off, and the name it carries.</summary>
    public string PharmacistUserName { get; private set; } = "";
    public string PharmacistName { get; private set; } = "";
    public DateTimeOffset ReviewedAt { get; private set; }
    /// <summary>The 处方药 lines as reviewed (name, 规格, quantity): a sale whose lines change after the review needs it again.</summary>
    public string Drugs { get; private set; } = "";
    public byte[]? Photo { get; private set; }
    public string? PhotoType { get; private set; }

    public sealed record Form(string? Hospital, string? Number, string? Doctor, string? PatientName);

    /// <summary>The pharmacist's sign-off on the prescription as the form describes it, for these drugs.</summary>
    public static (Prescription? Prescription, IReadOnlyDictionary<string, string> Errors) Review(
        Form form, Actor pharmacist, string drugs, PrescriptionPhoto? photo, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string>();
        if (RegulatedText.Problem(form.Hospital, "处方来源（医院）", 2, HospitalMax) is { } h) errors[nameof(Form.Hospital)] = h;
        if (RegulatedText.Problem(form.Number, "处方号", 1, NumberMax) is { } n) errors[nameof(Form.Number)] = n;
        var doctor = PersonName.Clean(form.Doctor);
        if (doctor.Length is < 2 or > 30 || !PersonName.HasLetter(doctor)) errors[nameof(Form.Doctor)] = "请填写开方医师姓名（2 到 30 个字，须有汉字或字母）。";
        var patient = PersonName.Clean(form.PatientName);
        if (patient.Length is < 2 or > 30 || !PersonName.HasLetter(patient)) errors[nameof(Form.PatientName)] = "请填写患者姓名（2 到 30 个字，须有汉字或字母）。";
        if (errors.Count > 0) return (null, errors);
        return (new Prescription
        {
            Hospital = form.Hospital!.Trim(), Number = form.Number!.Trim(), Doctor = doctor, PatientName = patient,
            PharmacistUserName = pharmacist.UserName, PharmacistName = pharmacist.DisplayName, ReviewedAt = now, Drugs = drugs,
            Photo = photo?.Content, PhotoType = photo?.ContentType,
        }, errors);
    }

    /// <summary>
    /// The register's row for one order. The review stays with the sale as it was given: a payment
    /// that fails leaves its own row (with its failed order) and the next attempt writes another.
    /// </summary>
    internal Prescription For(TradeNo tradeNo, int storeId, DateTimeOffset at) => new()
    {
        TradeNo = tradeNo, StoreId = storeId, RecordedAt = at,
        Hospital = Hospital, Number = Number, Doctor = Doctor, PatientName = PatientName,
        PharmacistUserName = PharmacistUserName, PharmacistName = PharmacistName, ReviewedAt = ReviewedAt, Drugs = Drugs,
        Photo = Photo, PhotoType = PhotoType,
    };
}
