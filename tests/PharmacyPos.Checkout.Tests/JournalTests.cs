using PharmacyPos.Domain.Journal;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using PharmacyPos.Checkout.Mobile;
using PharmacyPos.Data;
using PharmacyPos.Domain.Payments;
using PharmacyPos.Sandbox;
using PharmacyPos.Sandbox.Model;

namespace PharmacyPos.Checkout.Tests;

/// <summary>The write-ahead journal: every state change is on disk, with its order, before the action it announces.</summary>
public sealed class JournalTests(MobileHarness h) : IClassFixture<MobileHarness>, IDisposable
{
    public void Dispose() => h.Faults.Clear();

    private async Task<List<string>> JournalAsync(string tradeNo)
    {
        await using var db = h.Database.NewContext();
        return await db.Journal.Where(e => e.TradeNo == tradeNo).OrderBy(e => e.Id).Select(e => e.Event).ToListAsync();
    }

    [Fact]
    public async Task A_confirmed_payment_journals_written_then_the_pay_answer_then_paid()
    {
        var (checkout, db) = h.Checkout();
        await using var _ = db;
        var attempt = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("slow", Wallet.Alipay), null)).Attempt;
        h.Sandbox.Confirm(Channel.Alipay, attempt.TradeNo.Value);
        await checkout.PollAsync(attempt.OrderId);

        Assert.Equal([JournalEvents.OrderWritten, JournalEvents.PaymentAnswered, JournalEvents.OrderPaid], await JournalAsync(attempt.TradeNo.Value));
    }

    [Fact]
    public async Task A_refund_journals_requested_and_claimed_together_then_sent_completed_and_refunded_under_its_trade_no()
    {
        var (checkout, db) = h.Checkout();
        await using var _ = db;
        var attempt = Assert.IsType<ScanResult.Started>(await checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("rich-bound", Wallet.WeChat), null)).Attempt;
        Assert.Equal(Domain.Orders.OrderStatus.Paid, attempt.Status);
        var (refunds, rdb) = h.Refunds();
        await using var __ = rdb;

        Assert.True((await refunds.RefundAsync(attempt.OrderId)).IsSuccess);

        // Entries saved in one transaction may be in either order among themselves.
        var journal = await JournalAsync(attempt.TradeNo.Value);
        Assert.Equal([JournalEvents.OrderWritten, JournalEvents.OrderPaid], journal[..2]);
        Assert.Equal([JournalEvents.RefundClaimed, JournalEvents.RefundRequested], journal[2..4].Order());
        Assert.Equal(JournalEvents.RefundSent, journal[4]);
        Assert.Equal([JournalEvents.OrderRefunded, JournalEvents.RefundCompleted], journal[5..].Order());
    }

    [Fact]
    public async Task The_order_and_its_journal_entry_are_on_disk_while_the_channel_is_still_receiving_the_payment()
    {
        h.Faults.Add(new FaultRule("alipay", "pay", FaultKind.Latency, DelayMs: 5000)); // long enough to look, even on a busy machine
        var (checkout, db) = h.Checkout();
        await using var _ = db;
        var started = checkout.ScanAsync(await h.SaleAsync("YP00202"), h.Code("rich-bound", Wallet.Alipay), null);

        string? tradeNo = null;
        for (var i = 0; i < 200 && tradeNo is null; i++)
        {
            await Task.Delay(20);
            await using var reader = h.Database.NewContext();
            tradeNo = await reader.Journal.Where(e => e.Event == JournalEvents.OrderWritten).OrderByDescending(e => e.Id).Select(e => e.TradeNo).FirstOrDefaultAsync();
            if (tradeNo is not null && h.Sandbox.Trades().Any(t => t.OutTradeNo == tradeNo)) tradeNo = null; // an earlier test's
        }
        Assert.NotNull(tradeNo);
        Assert.DoesNotContain(h.Sandbox.Trades(), t => t.OutTradeNo == tradeNo); // written, not yet taken

        var attempt = Assert.IsType<ScanResult.Started>(await started).Attempt;
        Assert.Equal(tradeNo, attempt.TradeNo.Value);
    }

    [Fact]
    public async Task A_payment_whose_order_cannot_be_written_because_the_disk_is_full_is_never_sent()
    {
        var builder = new DbContextOptionsBuilder<PosDbContext>().UsePosDatabase(h.Database.Options).AddInterceptors(new DiskFull());
        var (checkout, db) = h.Checkout(new PosDbContext((DbContextOptions<PosDbContext>)builder.Options));
        await using var _ = db;
        var trades = h.Sandbox.Trades().Count;
        var code = h.Code("rich-bound", Wallet.Alipay);

        var refused = Assert.IsType<ScanResult.Refused>(await checkout.ScanAsync(await h.SaleAsync("YP00202"), code, null));

        Assert.Equal("STORAGE_UNWRITABLE", refused.Error.Code);
        Assert.Contains("磁盘已满，订单未保存，未发起扣款", refused.Error.Message);
        Assert.Equal(trades, h.Sandbox.Trades().Count);
        Assert.Equal(Sandbox.Model.CodeStatus.Valid, h.Sandbox.Resolve(code).Item1); // the code was never presented
    }

    /// <summary>
    /// The error the database raises when the disk is full (SQLite: SQLITE_FULL 13; PostgreSQL: 53100), thrown at the insert of the
    /// order, where a full disk would stop it. (Capping max_page_count does not fail reliably:
    /// a small row fits in a page the file already has.)
    /// </summary>
    private sealed class DiskFull : DbCommandInterceptor
    {
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default) =>
            !command.CommandText.Contains("INSERT INTO \"orders\"", StringComparison.Ordinal) && !command.CommandText.Contains("INSERT INTO orders", StringComparison.Ordinal)
                ? ValueTask.FromResult(result)
                : command is Npgsql.NpgsqlCommand
                    ? throw new Npgsql.PostgresException("could not extend file: No space left on device", "ERROR", "ERROR", "53100")
                    : throw new Microsoft.Data.Sqlite.SqliteException("SQLite Error 13: 'database or disk is full'.", 13);
    }
}
