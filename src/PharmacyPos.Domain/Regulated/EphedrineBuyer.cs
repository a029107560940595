using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// 含麻黄碱类复方制剂的购买人: name and 居民身份证号码, checked at the till before the sale is paid
/// (国食药监办〔2012〕260号: 实名制购买, 查验身份证并登记).
/// </summary>
public sealed record EphedrineBuyer(string Name, ResidentId Id)
{
    public sealed record Form(string? Name, string? IdNumber);

    public static (EphedrineBuyer? Buyer, IReadOnlyDictionary<string, string> Errors) Fill(Form form)
    {
        var errors = new Dictionary<string, string>();
        var name = PersonName.Clean(form.Name);
        if (name.Length is < 2 or > 30 || !PersonName.HasLetter(name)) errors[nameof(Form.Name)] = "请填写购买人姓名（2 到 30 个字，须有汉字或字母）。";
        if (!ResidentId.TryParse(form.IdNumber, out var id)) errors[nameof(Form.IdNumber)] = ResidentId.Problem(form.IdNumber)!;
        return errors.Count > 0 ? (null, errors) : (new EphedrineBuyer(name, id), errors);
    }
}
