using System.Globalization;

namespace PharmacyPos.Domain.Regulated;

/// <summary>
/// A register's free-text field (a hospital, a prescription number): printable characters only —
/// a control or invisible character in a GSP register is either a scanner's junk or an attempt to
/// hide something, and neither belongs in a record an inspector reads.
/// </summary>
internal static class RegulatedText
{
    public static string? Problem(string? text, string label, int min, int max)
    {
        var t = text?.Trim() ?? "";
        if (t.Length == 0) return $"请填写{label}。";
        if (t.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.PrivateUse
                or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned))
            return $"{label}含有控制字符或不可见字符，请重新输入。";
        if (t.Length < min || t.Length > max) return $"{label}应为 {min} 到 {max} 个字符。";
        return null;
    }
}
