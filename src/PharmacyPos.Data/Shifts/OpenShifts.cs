using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Shifts;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Data.Shifts;

/// <summary>
/// Which 班次 is open for a cashier at a till, remembered so a payment does not pay a query for it.
/// A till is one process, so the only way a shift closes is through this process's <see cref="Forget"/>
/// (交班, 日结); a restart starts with an empty memory and asks the database.
/// </summary>
public sealed class OpenShifts(IServiceScopeFactory scopes, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(int Store, string Terminal, string Cashier), long> _open = new();

    /// <summary>The open shift's id, opening one (备用金 not yet declared) when the cashier has none.</summary>
    public async Task<long> IdForAsync(int storeId, string terminal, Actor cashier, CancellationToken ct = default)
    {
        if (_open.TryGetValue((storeId, terminal, cashier.UserName), out var id)) return id;
        var shift = await OpenOrContinueAsync(storeId, terminal, cashier, ct);
        return shift.Id;
    }

    /// <summary>
    /// Signing in at a till: the cashier's open shift, or a new one. Its own unit of work, saved
    /// before anything is written under it; two sign-ins at once meet the one-open-shift index and
    /// the second takes the first's shift.
    /// </summary>
    public async Task<Shift> OpenOrContinueAsync(int storeId, string terminal, Actor cashier, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PosDbContext>();
            var shift = await FindOpenAsync(db, storeId, terminal, cashier.UserName, ct);
            if (shift is null)
            {
                shift = db.Shifts.Add(Shift.Open(storeId, terminal, cashier, clock.GetUtcNow())).Entity;
                db.AddAudit(AuditActions.ShiftOpened, detail: $"{terminal} {cashier}", actor: cashier);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException e) when (attempt < 3 && StorageFailures.Is(e, StorageFailure.UniqueViolation))
                {
                    continue;
                }
            }
            _open[(storeId, terminal, cashier.UserName)] = shift.Id;
            return shift;
        }
    }

    public static Task<Shift?> FindOpenAsync(PosDbContext db, int storeId, string terminal, string cashier, CancellationToken ct) =>
        db.Shifts.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(
            s => s.StoreId == storeId && s.TerminalId == terminal && s.Cashier == cashier && s.Status == ShiftStatus.Open, ct);

    /// <summary>The shift handed over: the next thing this cashier writes at this till opens a new one.</summary>
    public void Forget(int storeId, string terminal, string cashier) => _open.TryRemove((storeId, terminal, cashier), out _);
}
