using PharmacyPos.Domain.Errors;

namespace PharmacyPos.Domain.Sales;

/// <summary>How many of a drug one line may hold: a whole number from 1 to 999.</summary>
public static class Quantity
{
    public const int Min = 1;
    public const int Max = 999;

    public static Result<int> Check(int quantity) =>
        quantity is < Min or > Max ? PosErrors.QuantityOutOfRange(Min, Max) : quantity;

    public static Result<int> Parse(string? text)
    {
        if (!int.TryParse(text?.Trim(), out var quantity))
            return PosErrors.QuantityNotANumber;
        return Check(quantity);
    }
}
