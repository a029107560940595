using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.PersonalData;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Orders;
using PharmacyPos.Domain.Registration;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

/// <summary>ID numbers and 社保编码 at rest: sealed in the database, whole again only through the POS.</summary>
public class PersonalDataTests : IAsyncLifetime
{
    private const string IdNumber = "11010519491231002X";
    private const string PsnNo = "33010020000P1";
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static PurchaseRegistration Registration(string tradeNo)
    {
        var (r, errors) = PurchaseRegistration.Fill(new("张小三", IdNumber, "13912345678", "本人"), "张三", PsnNo,
            PaymentMethod.InsuranceAccount, Money.FromYuan(209.6m));
        Assert.Empty(errors);
        r!.Attach(TradeNo.Parse(tradeNo), 1, DateTimeOffset.UtcNow);
        return r;
    }

    private async Task<List<string>> RawAsync(string column)
    {
        await using var db = _db.NewContext();
        var sql = "SELECT \"" + column + "\" AS \"Value\" FROM registrations"; // column is one of this file's constants
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync();
    }

    [Fact]
    public async Task A_registration_is_stored_sealed_and_read_back_whole()
    {
        await using (var db = _db.NewContext())
        {
            db.Registrations.Add(Registration("202611290001010001000001"));
            await db.SaveChangesAsync();
        }
        Assert.All(await RawAsync("PurchaserId"), v => Assert.True(v.StartsWith("pd1:", StringComparison.Ordinal) && !v.Contains(IdNumber[..6], StringComparison.Ordinal), v));
        Assert.All(await RawAsync("PsnNo"), v => Assert.DoesNotContain(PsnNo, v, StringComparison.Ordinal));

        await using var read = _db.NewContext();
        var r = await read.Registrations.SingleAsync();
        Assert.Equal((IdNumber, PsnNo, "1101**********002X"), (r.PurchaserId, r.PsnNo, r.PurchaserIdMasked));
        // Same number, same sealed text: equality queries (退单 by 社保编码) still work.
        Assert.Equal(1, await read.Registrations.CountAsync(x => x.PsnNo == PsnNo));
    }

    [Fact]
    public async Task Rows_written_in_clear_before_sealing_existed_are_sealed_at_the_next_start()
    {
        await using (var db = _db.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO registrations ("TradeNo", "StoreId", "RegisteredAt", "Method", "Amount", "InsuredName", "PsnNo", "PurchaserName", "PurchaserId", "Phone", "Relation")
                VALUES ('202611290001010001000002', 1, 0, 1, 20960, '张三', {0}, '张小三', {1}, '13912345678', '本人')
                """, PsnNo, IdNumber);
        }
        Assert.Contains(IdNumber, await RawAsync("PurchaserId"));

        await using (var db = _db.NewContext()) await DatabaseSetup.MigrateAsync(db);

        Assert.DoesNotContain(await RawAsync("PurchaserId"), v => v.Contains(IdNumber, StringComparison.Ordinal));
        Assert.DoesNotContain(await RawAsync("PsnNo"), v => v.Contains(PsnNo, StringComparison.Ordinal));
        await using var read = _db.NewContext();
        Assert.Equal(IdNumber, (await read.Registrations.SingleAsync()).PurchaserId);
    }

    [Fact]
    public async Task The_start_looks_for_clear_values_in_an_index_of_them_not_in_every_row()
    {
        await using var db = _db.NewContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var (table, columns) in PharmacyPos.Data.PersonalData.PersonalDataSealing.Sealed)
        {
            await using var explain = connection.CreateCommand();
            // PostgreSQL plans by statistics and scans a table this small; with scans off it uses the partial
            // index only if the query's condition implies the index's — which is what is being proved.
            explain.CommandText = (_db.IsPostgreSql ? "SET enable_seqscan = off; EXPLAIN " : "EXPLAIN QUERY PLAN ")
                + PharmacyPos.Data.PersonalData.PersonalDataSealing.SelectUnsealed(table, columns);
            var plan = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
                while (await reader.ReadAsync()) plan.Add(reader.GetString(reader.FieldCount - 1));
            Assert.Contains(plan, line => line.Contains($"ix_{table}_unsealed", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_wrong_key_is_told_in_chinese_and_not_read_as_garbage()
    {
        await using (var db = _db.NewContext())
        {
            db.Registrations.Add(Registration("202611290001010001000003"));
            await db.SaveChangesAsync();
        }
        var other = new DbContextOptionsBuilder<PosDbContext>();
        other.UsePosDatabase(new DatabaseOptions { Path = _db.Options.Path, PostgreSql = _db.Options.PostgreSql, PersonalDataKey = PersonalDataKeys.NewKey() });
        await using var wrong = new PosDbContext((DbContextOptions<PosDbContext>)other.Options);
        var e = await Assert.ThrowsAsync<PersonalDataKeyException>(() => wrong.Registrations.SingleAsync());
        Assert.Contains("Database:PersonalDataKey", e.Message);
    }

    [Fact]
    public void A_store_without_a_configured_key_gets_one_beside_its_database_readable_only_by_the_pos()
    {
        var folder = Path.Combine(Path.GetTempPath(), "pharmacypos-tests", Guid.NewGuid().ToString("N"));
        var options = new DatabaseOptions { Path = Path.Combine(folder, "pos.db") };
        var first = PersonalDataKeys.For(options);
        var key = Path.Combine(folder, "pos.db.key");
        Assert.True(File.Exists(key));
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(first.Fingerprint, PersonalDataKeys.For(options).Fingerprint);
        Assert.Throws<PersonalDataKeyException>(() => PersonalDataKeys.For(new DatabaseOptions { PostgreSql = "Host=x" }));
        Directory.Delete(folder, recursive: true);
    }
}
