using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Domain.Registration;

/// <summary>登记: who bought with an insured person's account, as the rule requires it written down.</summary>
public sealed class PurchaseRegistration
{
    public static readonly string[] Relations = ["本人", "配偶", "父母", "子女", "其他亲属", "其他"];

    private PurchaseRegistration() { }

    public long Id { get; private set; }
    public TradeNo TradeNo { get; private set; }
    public int StoreId { get; private set; }
    public DateTimeOffset RegisteredAt { get; private set; }
    public PaymentMethod Method { get; private set; }
    public Money Amount { get; private set; }
    public string InsuredName { get; private set; } = "";
    public string PsnNo { get; private set; } = "";
    public string PurchaserName { get; private set; } = "";
    public string PurchaserId { get; private set; } = "";
    public string Phone { get; private set; } = "";
    public string Relation { get; private set; } = "";

    public string PurchaserIdMasked => ResidentId.TryParse(PurchaserId, out var id) ? id.Masked : "";

    /// <summary>The form as the cashier filled it; every field is checked, every error named.</summary>
    public sealed record Form(string? PurchaserName, string? PurchaserId, string? Phone, string? Relation);

    public static (PurchaseRegistration? Registration, IReadOnlyDictionary<string, string> Errors) Fill(
        Form form, string insuredName, string psnNo, PaymentMethod method, Money amount)
    {
        var errors = new Dictionary<string, string>();
        var name = PersonName.Clean(form.PurchaserName);
        if (name.Length is < 2 or > 30 || !PersonName.HasLetter(name)) errors[nameof(Form.PurchaserName)] = "请填写购药人姓名（2 到 30 个字，须有汉字或字母）。";
        if (!ResidentId.TryParse(form.PurchaserId, out var id)) errors[nameof(Form.PurchaserId)] = ResidentId.Problem(form.PurchaserId)!;
        var phone = form.Phone?.Trim() ?? "";
        if (phone.Length != 11 || phone[0] != '1' || !phone.All(char.IsAsciiDigit)) errors[nameof(Form.Phone)] = "请填写 11 位手机号码。";
        var relation = form.Relation?.Trim() ?? "";
        if (!Relations.Contains(relation)) errors[nameof(Form.Relation)] = "请选择购药人与参保人的关系。";
        if (errors.Count > 0) return (null, errors);
        return (new PurchaseRegistration
        {
            InsuredName = insuredName, PsnNo = psnNo, Method = method, Amount = amount,
            PurchaserName = name, PurchaserId = id.Value, Phone = phone, Relation = relation,
        }, errors);
    }

    /// <summary>Tied to the order when the order is written, before any money moves.</summary>
    public void Attach(TradeNo tradeNo, int storeId, DateTimeOffset at)
    {
        TradeNo = tradeNo;
        StoreId = storeId;
        RegisteredAt = at;
    }
}
