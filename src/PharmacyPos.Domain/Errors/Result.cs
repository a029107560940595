using System.Diagnostics.CodeAnalysis;

namespace PharmacyPos.Domain.Errors;

/// <summary>Expected outcomes are values, not exceptions.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, PosError? error)
    {
        _value = value;
        Error = error;
    }

    public PosError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Ok(T value) => new(value, null);
    public static Result<T> Fail(PosError error) => new(default, error);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(PosError error) => Fail(error);
}
