using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Catalogue;

namespace PharmacyPos.Data.Catalogue;

/// <summary>The catalogue look-ups the till and the catalogue page need.</summary>
public sealed class CatalogueSearch(PosDbContext db)
{
    /// <summary>A scanner burst or a typed code: exact barcode first, then exact 编码.</summary>
    public async Task<Drug?> FindExactAsync(string entry, CancellationToken ct = default)
    {
        var text = entry.Trim();
        if (text.Length == 0) return null;
        var code = text.ToUpperInvariant();
        // One round trip per scan; a barcode match wins over a code match.
        return await db.Drugs.AsNoTracking()
            .Where(d => d.Barcode == text || d.Code == code)
            .OrderBy(d => d.Barcode == text ? 0 : 1)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>拼音码 prefix matches, shortest (closest) first, for the entry dropdown.</summary>
    public async Task<IReadOnlyList<Drug>> ByPinyinAsync(string prefix, int take = 10, CancellationToken ct = default)
    {
        var p = prefix.Trim().ToUpperInvariant();
        if (p.Length == 0 || !p.All(char.IsAsciiLetterOrDigit)) return [];
        // A range, not LIKE 'p%': both providers walk the index for it (SQLite's LIKE is case-blind and cannot).
        var after = p[..^1] + (char)(p[^1] + 1);
        // The closest few are chosen from the index alone (拼音码, 编码), and only they are read whole: a
        // three-letter prefix over a chain's 300,000 drugs matches a thousand, which are sorted by length.
        var closest = ClosestFirst(db.Drugs
            .Where(d => string.Compare(d.PinyinInitials, p) >= 0 && string.Compare(d.PinyinInitials, after) < 0))
            .Select(d => d.Code).Take(take);
        return await ClosestFirst(db.Drugs.AsNoTracking().Where(d => closest.Contains(d.Code))).ToListAsync(ct);
    }

    /// <summary>Shortest 拼音码 first (the closest match), then alphabetical, then by 编码.</summary>
    private static IQueryable<Drug> ClosestFirst(IQueryable<Drug> drugs) =>
        drugs.OrderBy(d => d.PinyinInitials.Length).ThenBy(d => d.PinyinInitials).ThenBy(d => d.Code);

    /// <summary>The catalogue page: name, 编码, 条码 or 拼音码 containing the text.</summary>
    public async Task<(IReadOnlyList<Drug> Page, int Total)> SearchAsync(string? text, int page, int pageSize, CancellationToken ct = default)
    {
        var q = db.Drugs.AsNoTracking();
        var t = text?.Trim() ?? "";
        if (t.Length > 0)
        {
            var upper = t.ToUpperInvariant();
            q = q.Where(d => d.Name.Contains(t) || d.Code.Contains(upper) || d.Barcode.Contains(t) || d.PinyinInitials.StartsWith(upper));
        }
        var total = await q.CountAsync(ct);
        var rows = await q.OrderBy(d => d.Code).Skip(Math.Max(0, page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return (rows, total);
    }
}
