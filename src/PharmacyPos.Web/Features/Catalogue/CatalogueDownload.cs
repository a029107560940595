using PharmacyPos.Data.Catalogue;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Catalogue;

/// <summary>GET /catalogue/export?format=csv|xlsx : the whole catalogue in the import's headings.</summary>
public static class CatalogueDownload
{
    public static void MapCatalogueExport(this IEndpointRouteBuilder app) =>
        app.MapGet("/catalogue/export", async (string? format, CatalogueExport export, CancellationToken ct) =>
        {
            if (!ReportDownload.TryFormat(format, out var kind, out var refusal)) return refusal!;
            return ReportDownload.File(await export.TableAsync(ct), kind, "药品目录");
        }).RequireAuthorization(nameof(Domain.Staff.Permission.ManageCatalogue));
}
