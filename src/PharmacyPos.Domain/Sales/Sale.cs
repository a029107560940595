using PharmacyPos.Domain.Catalogue;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Sales;

/// <summary>
/// The drugs a customer is buying, as the cashier enters them. It lives until it is paid; the
/// settlement asks it whether the insurance account may pay (注意事项 2).
/// </summary>
public sealed class Sale
{
    private readonly List<SaleLine> _lines = [];

    /// <summary>
    /// The most one sale may come to: a pharmacy's largest real basket many times over, and well
    /// inside what every channel takes in one trade (WeChat Pay's total_fee is a 32-bit count of fen).
    /// </summary>
    public static readonly Money MaxTotal = Money.FromYuan(1_000_000m);

    public IReadOnlyList<SaleLine> Lines => _lines;
    public bool IsEmpty => _lines.Count == 0;
    public Money Total => _lines.Aggregate(Money.Zero, (sum, l) => sum + l.Amount);

    /// <summary>件数: the number of packs, as the till shows it.</summary>
    public int ItemCount => _lines.Sum(l => l.Quantity);

    /// <summary>
    /// Adds a drug from a batch; the same drug and batch scanned again raises its line's quantity
    /// instead of adding a second line, as a cashier expects from a till. Another batch of the
    /// same drug is a line of its own: the receipt and the sales record name each 批号.
    /// </summary>
    public Result<SaleLine> Add(Drug drug, int quantity = 1, LineBatch? batch = null, bool split = false)
    {
        if (split && drug.Split is null) return NotSplittable(drug);
        var existing = _lines.FirstOrDefault(l => l.Drug.Code == drug.Code && l.Batch?.Id == batch?.Id && l.IsSplit == split);
        var checkedQuantity = Quantity.Check((existing?.Quantity ?? 0) + quantity);
        if (!checkedQuantity.IsSuccess) return checkedQuantity.Error;
        var price = split ? drug.SplitPrice!.Value : drug.RetailPrice;
        if (!Drug.IsValidPrice(price)) return PosErrors.PriceOutOfRange(drug.Name);
        if (WouldExceedMaxTotal(existing, price, checkedQuantity.Value)) return PosErrors.SaleTotalTooLarge;

        if (existing is not null)
        {
            existing.Quantity = checkedQuantity.Value;
            return existing;
        }
        var line = new SaleLine(drug, checkedQuantity.Value, batch, split);
        _lines.Add(line);
        return line;
    }

    public static PosError NotSplittable(Drug drug) => new("NOT_SPLITTABLE", $"{drug.Name} 未设置拆零单位，只能整{drug.Unit}销售。");

    public Result<SaleLine> ChangeQuantity(int lineIndex, int quantity)
    {
        if (!IsLine(lineIndex)) return PosErrors.NoLineSelected;
        var checkedQuantity = Quantity.Check(quantity);
        if (!checkedQuantity.IsSuccess) return checkedQuantity.Error;
        var line = _lines[lineIndex];
        if (WouldExceedMaxTotal(line, line.UnitPrice, checkedQuantity.Value)) return PosErrors.SaleTotalTooLarge;
        line.Quantity = checkedQuantity.Value;
        return line;
    }

    public Result<SaleLine> Remove(int lineIndex)
    {
        if (!IsLine(lineIndex)) return PosErrors.NoLineSelected;
        var line = _lines[lineIndex];
        _lines.RemoveAt(lineIndex);
        return line;
    }

    /// <summary>Puts a line back where it was (a refused change of unit).</summary>
    public void Insert(int index, SaleLine line) => _lines.Insert(Math.Clamp(index, 0, _lines.Count), line);

    /// <summary>Moves a line to another place on the sale (a changed unit keeps the line where the cashier had it).</summary>
    public void MoveLine(int from, int to)
    {
        if (!IsLine(from) || from == to) return;
        var line = _lines[from];
        _lines.RemoveAt(from);
        _lines.Insert(Math.Clamp(to, 0, _lines.Count), line);
    }

    public void Clear()
    {
        _lines.Clear();
        Prescription = null;
        EphedrineBuyer = null;
    }

    /// <summary>处方登记: the reviewed prescription this sale's 处方药 are sold against (checked again at payment).</summary>
    public Regulated.Prescription? Prescription { get; private set; }

    /// <summary>含麻黄碱 buyer, checked and registered before payment.</summary>
    public Regulated.EphedrineBuyer? EphedrineBuyer { get; private set; }

    public void Record(Regulated.Prescription prescription) => Prescription = prescription;

    public void Record(Regulated.EphedrineBuyer buyer) => EphedrineBuyer = buyer;

    /// <summary>How much of this batch's stock the sale already holds, in the stock's units (boxes and split units alike).</summary>
    public int StockUnitsFrom(long batchId) => _lines.Where(l => l.Batch?.Id == batchId).Sum(l => l.StockUnits);

    /// <summary>Puts a line's boxes on another batch (the cashier's 选批号), keeping its place on the sale.</summary>
    public Result<SaleLine> MoveToBatch(int lineIndex, LineBatch batch)
    {
        if (!IsLine(lineIndex)) return PosErrors.NoLineSelected;
        var line = _lines[lineIndex];
        if (line.Batch?.Id == batch.Id) return line;
        var other = _lines.FirstOrDefault(l => l != line && l.Drug.Code == line.Drug.Code && l.Batch?.Id == batch.Id && l.IsSplit == line.IsSplit);
        if (other is not null)
        {
            var merged = Quantity.Check(other.Quantity + line.Quantity);
            if (!merged.IsSuccess) return merged.Error;
            other.Quantity = merged.Value;
            _lines.RemoveAt(lineIndex);
            return other;
        }
        var moved = new SaleLine(line.Drug, line.Quantity, batch, line.IsSplit);
        _lines[lineIndex] = moved;
        return moved;
    }

    public int IndexOf(SaleLine line) => _lines.IndexOf(line);

    /// <summary>注意事项 2: one 未对码 or 全自费 line and the insurance account may not pay at all.</summary>
    public bool IsInsuranceEligible => !IsEmpty && _lines.All(l => l.Drug.IsInsuranceEligible);

    public IEnumerable<SaleLine> LinesBarringInsurance => _lines.Where(l => !l.Drug.IsInsuranceEligible);

    /// <summary>In decimal, so that the question itself cannot overflow whatever the prices.</summary>
    private bool WouldExceedMaxTotal(SaleLine? replaced, Money unitPrice, int quantity)
    {
        var others = _lines.Where(l => l != replaced).Sum(l => (decimal)l.UnitPrice.Fen * l.Quantity);
        return others + (decimal)unitPrice.Fen * quantity > MaxTotal.Fen;
    }

    private bool IsLine(int index) => index >= 0 && index < _lines.Count;
}
