using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;

namespace PharmacyPos.Data;

internal sealed class MoneyConverter() : ValueConverter<Money, long>(m => m.Fen, fen => new Money(fen));

internal sealed class TradeNoConverter() : ValueConverter<TradeNo, string>(t => t.Value, s => TradeNo.Parse(s));

/// <summary>Instants as UTC unix milliseconds; read back in Beijing time, the zone every screen shows.</summary>
internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    d => d.ToUnixTimeMilliseconds(),
    ms => DateTimeOffset.FromUnixTimeMilliseconds(ms).ToOffset(BeijingTime.Offset));
