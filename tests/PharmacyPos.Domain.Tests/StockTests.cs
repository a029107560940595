using PharmacyPos.Domain.Stock;

namespace PharmacyPos.Domain.Tests;

/// <summary>Batches: first-expiry-first-out, splits, and expiry counted in Beijing days.</summary>
public sealed class StockTests
{
    // 2026-11-30 00:30 in Beijing is still 2026-11-29 in UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 16, 30, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static StockBatch Batch(string lot, DateOnly expires, DateOnly? produced = null) =>
        StockBatch.Receive(1, "YP00001", lot, produced ?? new DateOnly(2025, 1, 1), expires, null, null, Now.AddDays(-300)).Value;

    [Fact]
    public void A_line_takes_from_the_batch_that_expires_first()
    {
        var late = Batch("L2", new DateOnly(2028, 1, 1));
        var early = Batch("L1", new DateOnly(2027, 1, 1));
        var a = Fefo.Allocate([new(late, 10), new(early, 10)], 3, Today);
        Assert.Equal([("L1", 3)], a.Takes.Select(t => (t.Batch.LotNo, t.Quantity)));
        Assert.True(a.IsCovered);
    }

    [Fact]
    public void A_line_larger_than_its_first_batch_splits_across_batches_and_names_what_is_missing()
    {
        var early = Batch("L1", new DateOnly(2027, 1, 1));
        var late = Batch("L2", new DateOnly(2028, 1, 1));
        var a = Fefo.Allocate([new(late, 2), new(early, 3)], 7, Today);
        Assert.Equal([("L1", 3), ("L2", 2)], a.Takes.Select(t => (t.Batch.LotNo, t.Quantity)));
        Assert.Equal(2, a.Shortfall);
    }

    [Fact]
    public void An_expired_batch_is_never_taken_even_with_stock_left()
    {
        var expired = Batch("OLD", Today.AddDays(-1), new DateOnly(2024, 1, 1));
        var a = Fefo.Allocate([new(expired, 50)], 1, Today);
        Assert.Empty(a.Takes);
        Assert.Equal(1, a.Shortfall);
    }

    [Fact]
    public void Expiry_turns_at_the_beijing_day_boundary_and_the_last_day_is_still_good()
    {
        var batch = Batch("L1", Today);
        Assert.Equal(ExpiryState.NearExpiry, batch.StateOn(Today, 90)); // 有效期至 today: still sold today
        Assert.Equal(ExpiryState.Expired, batch.StateOn(Today.AddDays(1), 90));
        Assert.Equal(ExpiryState.Good, Batch("L2", Today.AddDays(91)).StateOn(Today, 90));
        Assert.Equal(ExpiryState.NearExpiry, Batch("L3", Today.AddDays(90)).StateOn(Today, 90));
    }

    [Fact]
    public void Receiving_refuses_an_expired_batch_in_beijing_time_and_dates_in_the_wrong_order()
    {
        // Expired yesterday in Beijing, though in UTC it is still that day.
        var expired = StockBatch.Receive(1, "YP00001", "L1", new DateOnly(2024, 1, 1), new DateOnly(2026, 11, 29), null, null, Now);
        Assert.Equal("BATCH_EXPIRED", expired.Error!.Code);
        var backwards = StockBatch.Receive(1, "YP00001", "L1", new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1), null, null, Now);
        Assert.Equal("EXPIRY_BEFORE_PRODUCTION", backwards.Error!.Code);
        Assert.True(StockBatch.Receive(1, "YP00001", "L1", new DateOnly(2026, 1, 1), Today, null, null, Now).IsSuccess);
    }

    [Theory]
    [InlineData("2026A01", null)]
    [InlineData("B-2026/03.1", null)]
    [InlineData("", "批号不能为空。")]
    [InlineData("20 26", "不能有空格")]
    [InlineData("2026\t1", "不能有空格或控制字符")]
    [InlineData("1234567890123456789012345678901", "批号过长")]
    public void A_lot_number_is_letters_digits_and_separators_only(string lot, string? problem)
    {
        var found = StockBatch.LotNoProblem(lot);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found);
    }
}
