using Microsoft.Extensions.DependencyInjection;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout;

/// <summary>
/// <see cref="ScopeExtensions"/> for a till: each operation still gets its own scope, and the
/// member of staff signed in at this till goes with it, so what it saves is audited in their name.
/// </summary>
public sealed class StaffScopes(IServiceScopeFactory scopes, StaffOnDuty staff)
{
    public async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> work) where TService : notnull
    {
        await using var scope = Begin();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public async Task InScopeAsync<TService>(Func<TService, Task> work) where TService : notnull
    {
        await using var scope = Begin();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private AsyncServiceScope Begin()
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<StaffOnDuty>().Set(staff.Current);
        return scope;
    }
}
