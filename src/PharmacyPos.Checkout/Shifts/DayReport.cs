using System.Text.Json;
using PharmacyPos.Data.Export;
using PharmacyPos.Data.Reports;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Reconciliation;
using PharmacyPos.Domain.Shifts;

namespace PharmacyPos.Checkout.Shifts;

/// <summary>A shift on the 日结 report: who, where, and how its drawer came out.</summary>
public sealed record ShiftLine(long Id, string Cashier, string Terminal, DateTimeOffset OpenedAt, DateTimeOffset? HandedOverAt,
    Money? Float, Money? Expected, Money? Counted, Money? Difference, string? ApprovedBy, int InDoubt)
{
    public static ShiftLine Of(Shift s) => new(s.Id, $"{s.CashierName}（{s.Cashier}）", s.TerminalId, s.OpenedAt, s.HandedOverAt,
        s.Float, s.Expected, s.Counted, s.Difference, s.DifferenceApprovedBy, s.Closing?.InDoubt.Count ?? 0);
}

/// <summary>A payment still waiting for its channel at 日结, carried to a later day.</summary>
public sealed record InDoubtLine(string TradeNo, string Method, Money Amount, DateTimeOffset WrittenAt);

/// <summary>
/// 日结 report: the day's 销售报表 (per method, terminal, cashier, 医保类别, failed attempts), its
/// shifts' drawers, the payments carried in doubt, the reconciliation's differences and what the
/// close found (3201, 9002, expired 挂单). Kept as closed: <see cref="Serialize"/> at closing,
/// <see cref="Table"/> whenever it is shown or exported.
/// </summary>
public sealed record DayReport(DateOnly Day, DateTimeOffset? ClosedAt, string? ClosedBy, SalesReport Sales, IReadOnlyList<ShiftLine> Shifts,
    IReadOnlyList<InDoubtLine> InDoubt, IReadOnlyList<Difference> Differences, IReadOnlyList<string> Notes)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    public bool IsClosed => ClosedAt is not null;

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static DayReport Deserialize(string text) =>
        JsonSerializer.Deserialize<DayReport>(text, Json) ?? throw new InvalidDataException("日结报表内容为空。");

    public ReportTable Table()
    {
        var sales = SalesReports.Table(Sales);
        var rows = new List<IReadOnlyList<object?>>(sales.Rows);
        foreach (var s in Shifts)
            rows.Add(["交班", $"{s.Cashier} {s.Terminal} {BeijingTime.Text(s.OpenedAt)}", s.InDoubt, s.Expected, null, s.Counted,
                s.Difference is { } d ? Shift.DescribeDifference(d) + (s.ApprovedBy is null ? "" : $"（{s.ApprovedBy} 批准）") : "未交班"]);
        foreach (var p in InDoubt)
            rows.Add(["结转未决交易", $"{p.TradeNo} {p.Method} {BeijingTime.Text(p.WrittenAt)}", 1, p.Amount, null, null, null]);
        foreach (var d in Differences)
            rows.Add(["对账差异", $"{d.KindText} {d.Channel.ToChinese()} {d.TradeNo} {d.RefundNo} {d.Note}".Trim(), 1, d.PosAmount, null, d.ChannelAmount, null]);
        foreach (var n in Notes) rows.Add(["说明", n, null, null, null, null, null]);
        var closed = IsClosed ? $"，{BeijingTime.Text(ClosedAt!.Value)} 由 {ClosedBy} 日结" : "（未日结）";
        return new ReportTable($"日结报表 {Day:yyyy-MM-dd}{closed}", sales.Header, rows);
    }
}
