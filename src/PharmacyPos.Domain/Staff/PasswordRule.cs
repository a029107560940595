using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Staff;

/// <summary>
/// A password a shop can live with and a guesser cannot: 8 or more characters with letters and
/// digits. Sign-in throttling (<see cref="StaffAccount"/>) does the rest.
/// </summary>
public static class PasswordRule
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public static PosError? Check(string? password, string userName)
    {
        if (string.IsNullOrEmpty(password) || password.Length < MinLength)
            return new PosError("PASSWORD_TOO_SHORT", $"密码至少 {MinLength} 位。");
        if (password.Length > MaxLength) return new PosError("PASSWORD_TOO_LONG", $"密码不能超过 {MaxLength} 位。");
        if (!password.Any(char.IsLetter) || !password.Any(char.IsDigit))
            return new PosError("PASSWORD_TOO_WEAK", "密码须同时包含字母和数字。");
        if (password.Contains(userName, StringComparison.OrdinalIgnoreCase))
            return new PosError("PASSWORD_CONTAINS_NAME", "密码不能包含账号名。");
        return null;
    }
}
