using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PharmacyPos.Data;

/// <summary>
/// Whether the database took the POS's last write, seen from every DbContext of the process:
/// /health reports Degraded while writes fail, and the till says why before the cashier tries.
/// A failed read of a lost connection counts too: nothing can be written without one.
/// </summary>
public sealed class StorageWatch(TimeProvider clock) : ISaveChangesInterceptor, IDbConnectionInterceptor
{
    private readonly Lock _gate = new();
    private (StorageFailure Failure, DateTimeOffset At)? _failing;

    /// <summary>The failure since the last successful write, if any.</summary>
    public (StorageFailure Failure, DateTimeOffset Since)? Failing
    {
        get { lock (_gate) return _failing; }
    }

    public event Action? Changed;

    public void Succeeded()
    {
        bool was;
        lock (_gate)
        {
            was = _failing is not null;
            _failing = null;
        }
        if (was) Changed?.Invoke();
    }

    public void Failed(Exception e)
    {
        // A unique violation is an answer (someone saved first), not a database that fails.
        if (StorageFailures.Classify(e) is not { } failure || failure == StorageFailure.UniqueViolation) return;
        lock (_gate) _failing = (failure, _failing?.Failure == failure ? _failing.Value.At : clock.GetUtcNow());
        Changed?.Invoke();
    }

    ValueTask<int> ISaveChangesInterceptor.SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken ct)
    {
        Succeeded();
        return ValueTask.FromResult(result);
    }

    int ISaveChangesInterceptor.SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Succeeded();
        return result;
    }

    Task ISaveChangesInterceptor.SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken ct)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    void ISaveChangesInterceptor.SaveChangesFailed(DbContextErrorEventData eventData) => Failed(eventData.Exception);

    Task IDbConnectionInterceptor.ConnectionFailedAsync(DbConnection connection, ConnectionErrorEventData eventData, CancellationToken ct)
    {
        Failed(eventData.Exception);
        return Task.CompletedTask;
    }

    Task IDbConnectionInterceptor.ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct)
    {
        Reconnected();
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Reconnected();

    /// <summary>A connection opens again: a lost connection is over, though a full disk or a lock is not.</summary>
    private void Reconnected()
    {
        lock (_gate)
        {
            if (_failing?.Failure != StorageFailure.Unavailable) return;
            _failing = null;
        }
        Changed?.Invoke();
    }

    void IDbConnectionInterceptor.ConnectionFailed(DbConnection connection, ConnectionErrorEventData eventData) => Failed(eventData.Exception);
}
