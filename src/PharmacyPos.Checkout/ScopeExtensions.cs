using Microsoft.Extensions.DependencyInjection;

namespace PharmacyPos.Checkout;

/// <summary>
/// A Blazor circuit lives for hours and a background job forever; a DbContext must not. Each
/// operation gets its own scope (and so its own DbContext) and lets it go when done.
/// </summary>
public static class ScopeExtensions
{
    public static async Task<TResult> InScopeAsync<TService, TResult>(this IServiceScopeFactory scopes, Func<TService, Task<TResult>> work)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static async Task InScopeAsync<TService>(this IServiceScopeFactory scopes, Func<TService, Task> work)
        where TService : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
