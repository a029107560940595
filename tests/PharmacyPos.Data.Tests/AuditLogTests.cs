using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Staff;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

public class AuditLogTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateWithDemoCatalogueAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    private PosDbContext As(StaffRole role) => _db.NewContextFor(new Actor(role.ToString().ToLowerInvariant(), role.ToChinese(), role));

    [Fact]
    public async Task The_app_refuses_to_change_or_delete_an_audit_line()
    {
        await using var db = _db.NewContext();
        var entry = db.AddAudit(AuditActions.SignIn);
        await db.SaveChangesAsync();
        db.Entry(entry).Property(e => e.Detail).CurrentValue = "rewritten";
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        db.Audit.Remove(entry);
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_database_refuses_it_too()
    {
        await using var db = _db.NewContext();
        db.AddAudit(AuditActions.SignIn);
        await db.SaveChangesAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET \"Detail\" = 'x'"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        Assert.True(await db.Audit.AnyAsync());
    }

    [Fact]
    public async Task A_price_change_is_audited_with_who_the_old_and_the_new_price_and_a_cashier_cannot_make_one()
    {
        await using (var cashier = As(StaffRole.Cashier))
            Assert.Equal(PriceEdit.NotAllowed, (await new PriceEdit(cashier).ChangeAsync("YP00202", "9.90")).Error);
        await using (var manager = As(StaffRole.Manager))
        {
            Assert.Equal("PRICE_INVALID", (await new PriceEdit(manager).ChangeAsync("YP00202", "-1")).Error?.Code);
            Assert.True((await new PriceEdit(manager).ChangeAsync("YP00202", "9.90")).IsSuccess);
        }
        await using var db = _db.NewContext();
        var line = await db.Audit.SingleAsync(e => e.Action == AuditActions.PriceChanged);
        Assert.Equal(("manager", "店长", "T0001-01", Money.FromYuan(9.9m)), (line.UserName, line.Role, line.Terminal, line.Amount!.Value));
        Assert.Matches(@"YP00202 .+：¥\d+\.\d\d → ¥9\.90", line.Detail);
    }

    [Fact]
    public async Task A_cashier_cannot_import_the_catalogue()
    {
        await using var cashier = As(StaffRole.Cashier);
        var rows = CatalogueFile.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
            "编码,条码,名称,规格,生产厂家,单位,零售价,拼音码,医保编码,全自费,医保类别\nZZ001,6900000000981,新药,1,某厂,盒,1.00,XY,,否,")), "c.csv");
        var report = await new CatalogueImport(cashier).ImportAsync(rows);
        Assert.Equal(0, report.Imported);
        Assert.Contains("只有店长或管理员", Assert.Single(report.Errors).Message);
        Assert.False(await cashier.Drugs.AnyAsync(d => d.Code == "ZZ001"));
    }

    [Fact]
    public async Task A_catalogue_import_is_audited_once_and_each_price_it_changed_on_its_own_line()
    {
        await using (var manager = As(StaffRole.Manager))
        {
            var drug = await manager.Drugs.AsNoTracking().SingleAsync(d => d.Code == "YP00202");
            var row = CatalogueFile.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(
                "编码,条码,名称,规格,生产厂家,单位,零售价,拼音码,医保编码,全自费,医保类别\n" +
                $"YP00202,{drug.Barcode},{drug.Name},{drug.Specification},{drug.Manufacturer},{drug.Unit},123.45,{drug.PinyinInitials},{drug.NationalCode},{(drug.WhollySelfPaid ? "是" : "否")},")), "c.csv");
            await new CatalogueImport(manager).ImportAsync(row);
        }
        await using var db = _db.NewContext();
        Assert.Single(await db.Audit.Where(e => e.Action == AuditActions.CatalogueImported && e.UserName == "manager").ToListAsync());
        Assert.Equal(Money.FromYuan(123.45m), (await db.Audit.SingleAsync(e => e.Action == AuditActions.PriceChanged)).Amount);
    }
}
