using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Data.Catalogue;

/// <summary>改价 on the 药品目录 page: a manager's job; the audit log gets the old and the new price from the save itself.</summary>
public sealed class PriceEdit(PosDbContext db)
{
    public static readonly PosError NotAllowed = PosErrors.Forbidden("店长或管理员可以修改价格");

    public async Task<Result<Money>> ChangeAsync(string code, string? priceText, CancellationToken ct = default)
    {
        if (!db.Actor.May(Permission.ManageCatalogue)) return NotAllowed;
        if (!Money.TryParse(priceText, out var price) || !Domain.Catalogue.Drug.IsValidPrice(price)) return PosErrors.PriceInvalid;
        var drug = await db.Drugs.SingleOrDefaultAsync(d => d.Code == code, ct);
        if (drug is null) return PosErrors.DrugNotFound(code);
        drug.ChangePrice(price);
        await db.SaveChangesAsync(ct);
        return price;
    }
}
