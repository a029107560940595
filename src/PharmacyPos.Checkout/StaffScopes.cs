using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PharmacyPos.Data;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Checkout;

/// <summary>
/// <see cref="ScopeExtensions"/> for a till: each operation still gets its own scope, and the
/// member of staff signed in at this till goes with it, so what it saves is audited in their name.
/// </summary>
public sealed class StaffScopes(IServiceScopeFactory scopes, StaffOnDuty staff, ILogger<StaffScopes> log)
{
    /// <summary>
    /// A till's action whose database may be locked, full or unreachable: the failure comes back as
    /// the cashier's message (数据库被占用 / 磁盘已满 / 连接中断) instead of ending the screen, and
    /// what the screen holds (the sale, the dialog) stays.
    /// </summary>
    /// <param name="consequence">What did not happen, in the cashier's words (default 本次操作未保存).</param>
    public Task<Result<TResult>> TryAsync<TService, TResult>(Func<TService, Task<Result<TResult>>> work,
        string consequence = StorageFailures.NotSaved) where TService : notnull =>
        // Off the screen's own thread: SQLite waits for the write lock synchronously, and the screen must
        // keep drawing (a countdown, 数据库响应慢) while it does.
        CaughtAsync<TService, TResult>(() => Task.Run(() => InScopeAsync(work)), consequence);

    /// <summary>
    /// <see cref="TryAsync{TService, TResult}"/> for a read on the till's hot path (拼音码 suggestions, a
    /// scanned 编码): readers never wait for SQLite's writer (WAL), so it stays on the screen's thread and
    /// saves a thread-pool hop per keystroke.
    /// </summary>
    public Task<Result<TResult>> TryReadAsync<TService, TResult>(Func<TService, Task<Result<TResult>>> work,
        string consequence = StorageFailures.NotSaved) where TService : notnull =>
        CaughtAsync<TService, TResult>(() => InScopeAsync(work), consequence);

    private async Task<Result<TResult>> CaughtAsync<TService, TResult>(Func<Task<Result<TResult>>> run, string consequence)
    {
        try
        {
            return await run();
        }
        catch (Exception e) when (StorageFailures.Classify(e) is { } failure)
        {
            log.LogError(e, "{Service}: the database failed ({Failure}); the till was told", typeof(TService).Name, failure);
            return StorageFailures.ErrorFor(failure, consequence);
        }
    }

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
