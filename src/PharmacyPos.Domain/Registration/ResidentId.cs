namespace PharmacyPos.Domain.Registration;

/// <summary>
/// 居民身份证号码 (GB 11643-1999): 17 digits and a check character computed over them with
/// the weights 2^(17-i) mod 11; a check value of 10 is written X.
/// </summary>
public readonly record struct ResidentId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckChars = "10X98765432";

    private ResidentId(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? text, out ResidentId id)
    {
        id = default;
        var t = text?.Trim().ToUpperInvariant();
        if (t is null || t.Length != 18 || !t[..17].All(char.IsAsciiDigit)) return false;
        if (CheckCharacter(t[..17]) != t[17]) return false;
        id = new ResidentId(t);
        return true;
    }

    /// <summary>What is wrong with a typed number, in the cashier's words; null when it is a valid number.</summary>
    public static string? Problem(string? text)
    {
        var t = text?.Trim().ToUpperInvariant() ?? "";
        if (t.Length == 0) return "请填写购药人的身份证号码。";
        if (t.Length != 18) return $"身份证号码应为 18 位，现在是 {t.Length} 位。";
        if (!t[..17].All(char.IsAsciiDigit) || !(char.IsAsciiDigit(t[17]) || t[17] == 'X'))
            return "身份证号码前 17 位应为数字，最后一位为数字或 X。";
        // Right length and characters, wrong check character: one digit was mistyped or two swapped.
        return CheckCharacter(t[..17]) != t[17] ? "身份证号码校验位不对：请逐位核对号码（常见为某一位输错或相邻两位颠倒）。" : null;
    }

    public static char CheckCharacter(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (first17[i] - '0') * Weights[i];
        return CheckChars[sum % 11];
    }

    /// <summary>Screens, logs and receipts show only the first 4 and last 4 characters.</summary>
    public string Masked => Value is null ? "" : $"{Value[..4]}**********{Value[^4..]}";

    public override string ToString() => Masked;
}
