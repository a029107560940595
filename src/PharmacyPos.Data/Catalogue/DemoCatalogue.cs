using Microsoft.EntityFrameworkCore;

namespace PharmacyPos.Data.Catalogue;

/// <summary>
/// The demo catalogue a new install starts with: 257 common Chinese OTC and prescription drugs (处方药, two ephedrine cold remedies, two sold split among them)
/// with made-up codes and barcodes, mapped (甲/乙), 未对码 and 全自费 among them. It goes in
/// through the same import a pharmacy uses for its own file.
/// </summary>
public static class DemoCatalogue
{
    public const string ResourceName = "PharmacyPos.Data.demo-catalogue.csv";

    public static Stream Open() =>
        typeof(DemoCatalogue).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");

    public static async Task<CatalogueImportReport?> SeedIfEmptyAsync(PosDbContext db, CancellationToken ct = default)
    {
        if (await db.Drugs.AnyAsync(ct)) return null;
        await using var stream = Open();
        return await new CatalogueImport(db).ImportAsync(CatalogueFile.Read(stream, "demo-catalogue.csv"), ct: ct);
    }
}
