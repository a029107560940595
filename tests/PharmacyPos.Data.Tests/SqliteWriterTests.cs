using Microsoft.EntityFrameworkCore;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>SQLite's one writer: the process queues its own saves instead of letting them collide and sleep in SQLite's busy wait.</summary>
public sealed class SqliteWriterTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(server: null);
    public async Task DisposeAsync() => await _db.DisposeAsync();

    /// <summary>
    /// A busy timeout of two seconds: forty writers' saves take longer than that together on a busy machine,
    /// so colliding writers that slept in SQLite's retry loop would give up, and so would a queue that
    /// counted its whole wait instead of the writer ahead's turn.
    /// </summary>
    private PosDbContext Context() => DatabaseSetup.OpenContext(new DatabaseOptions { Path = _db.Options.Path, PersonalDataKey = _db.Options.PersonalDataKey, BusyTimeoutSeconds = 2 });

    [Fact]
    public async Task Forty_writers_saving_at_once_all_commit_and_leave_the_queue_free()
    {
        var saves = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var db = Context();
            for (var k = 0; k < 5; k++)
            {
                db.AddAudit(Domain.Audit.AuditActions.SettingsChanged, detail: $"writer {i} save {k}");
                await db.SaveChangesAsync();
            }
        }));
        await Task.WhenAll(saves);
        await using var check = Context();
        Assert.Equal(200, await check.Audit.CountAsync(a => a.Detail!.StartsWith("writer ")));
        // Every save gave its turn back (a failed one too: see the next test's release in finally).
        Assert.True(SqliteWriter.For(Path.GetFullPath(_db.Options.Path!)).IsFree);
    }

    [Fact]
    public async Task A_save_that_fails_gives_its_turn_back()
    {
        await using (var db = Context())
        {
            db.Drugs.Add(new Domain.Catalogue.Drug("DUP1", "6900000009991", "甲", "", "", "盒", Domain.Money.FromYuan(1m), "J", null, false, null));
            db.Drugs.Add(new Domain.Catalogue.Drug("DUP1", "6900000009992", "乙", "", "", "盒", Domain.Money.FromYuan(1m), "Y", null, false, null));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.True(SqliteWriter.For(Path.GetFullPath(_db.Options.Path!)).IsFree);
    }

    [Fact]
    public async Task A_save_behind_a_writer_that_does_not_finish_goes_ahead_after_the_busy_timeout()
    {
        var queue = SqliteWriter.For(Path.GetFullPath(_db.Options.Path!));
        Assert.True(await queue.EnterAsync(TimeSpan.FromSeconds(1), CancellationToken.None));
        try
        {
            await using var db = Context();
            db.AddAudit(Domain.Audit.AuditActions.SettingsChanged, detail: "behind a stuck writer");
            await db.SaveChangesAsync();
        }
        finally
        {
            queue.Leave();
        }
        await using var check = Context();
        Assert.Equal(1, await check.Audit.CountAsync(a => a.Detail == "behind a stuck writer"));
    }
}
