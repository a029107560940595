using Microsoft.EntityFrameworkCore;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

public class DemoCatalogueTests : IAsyncLifetime
{
    private TestDatabase _db = default!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateWithDemoCatalogueAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Seeds_at_least_200_drugs_with_mapped_unmapped_and_self_paid_among_them()
    {
        await using var db = _db.NewContext();
        var drugs = await db.Drugs.ToListAsync();
        Assert.True(drugs.Count >= 200, $"only {drugs.Count} drugs");
        Assert.Contains(drugs, d => d.IsInsuranceEligible);
        Assert.Contains(drugs, d => d.IsUnmapped);
        Assert.Contains(drugs, d => d.WhollySelfPaid);
        Assert.All(drugs, d => Assert.Matches("^69[0-9]{11}$", d.Barcode));
    }

    [Fact]
    public async Task Seeding_twice_does_not_duplicate()
    {
        await using var db = _db.NewContext();
        Assert.Null(await DemoCatalogue.SeedIfEmptyAsync(db));
    }

    [Fact]
    public async Task Finds_a_drug_by_barcode_and_by_code()
    {
        await using var db = _db.NewContext();
        var search = new CatalogueSearch(db);
        var any = await db.Drugs.OrderBy(d => d.Id).FirstAsync();
        Assert.Equal(any.Code, (await search.FindExactAsync(any.Barcode))!.Code);
        Assert.Equal(any.Code, (await search.FindExactAsync(any.Code.ToLowerInvariant()))!.Code);
        Assert.Null(await search.FindExactAsync("0000000000000"));
    }

    [Fact]
    public async Task Pinyin_initials_prefix_lists_matching_drugs()
    {
        await using var db = _db.NewContext();
        var matches = await new CatalogueSearch(db).ByPinyinAsync("amxl");
        Assert.NotEmpty(matches);
        Assert.All(matches, d => Assert.StartsWith("AMXL", d.PinyinInitials));
    }

    [Fact]
    public async Task Pinyin_search_with_sql_metacharacters_finds_nothing_and_does_not_fail()
    {
        await using var db = _db.NewContext();
        Assert.Empty(await new CatalogueSearch(db).ByPinyinAsync("' OR 1=1 --"));
        var (page, total) = await new CatalogueSearch(db).SearchAsync("%' OR '1'='1", 1, 50);
        Assert.Empty(page);
        Assert.Equal(0, total);
    }
}
