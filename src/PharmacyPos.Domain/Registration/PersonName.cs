using System.Globalization;
using System.Text;

namespace PharmacyPos.Domain.Registration;

/// <summary>
/// A person's name as typed or pasted at the till: invisible characters (zero-width spaces, BOMs,
/// direction marks, control characters) are dropped and runs of spaces become one, so a name
/// made of nothing visible is empty. A name must hold a Chinese character or a Latin letter;
/// '·' (minority names such as 阿依古丽·买买提) and spaces may stand between them.
/// </summary>
public static class PersonName
{
    public static string Clean(string? typed)
    {
        if (string.IsNullOrEmpty(typed)) return "";
        var kept = new StringBuilder(typed.Length);
        foreach (var c in typed)
        {
            if (IsInvisible(c)) continue;
            if (char.IsWhiteSpace(c))
            {
                if (kept.Length > 0 && kept[^1] != ' ') kept.Append(' ');
                continue;
            }
            kept.Append(c);
        }
        return kept.ToString().Trim();
    }

    public static bool HasLetter(string name) => name.Any(c => IsChinese(c) || (char.IsLetter(c) && c < '\u0250'));

    private static bool IsInvisible(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c)
        is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.PrivateUse
        or UnicodeCategory.Surrogate or UnicodeCategory.OtherNotAssigned;

    private static bool IsChinese(char c) => c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF';
}
