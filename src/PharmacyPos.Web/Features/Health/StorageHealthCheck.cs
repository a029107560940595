using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PharmacyPos.Data;

namespace PharmacyPos.Web.Features.Health;

/// <summary>
/// /health says Degraded while the database does not take writes: the POS's last write failed
/// (disk full, lock, lost connection), or — on SQLite, where a reader is never blocked — another
/// program holds the write lock right now.
/// </summary>
public sealed class StorageHealthCheck(StorageWatch watch, IOptions<DatabaseOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (watch.Failing is { } failing)
            return HealthCheckResult.Degraded($"写入失败（{failing.Failure}）自 {Domain.BeijingTime.Text(failing.Since)}：{StorageFailures.ErrorFor(failing.Failure).Message}");
        if (!options.Value.IsPostgreSql && await SqliteWriteLockHeldAsync(ct))
            return HealthCheckResult.Degraded(StorageFailures.ErrorFor(StorageFailure.Busy).Message);
        return HealthCheckResult.Healthy();
    }

    /// <summary>Takes and gives back the write lock on a connection of its own that waits one second at most.</summary>
    private async Task<bool> SqliteWriteLockHeldAsync(CancellationToken ct)
    {
        var connection = new SqliteConnectionStringBuilder(DatabaseSetup.SqliteConnectionString(options.Value)) { DefaultTimeout = 1, Pooling = false };
        await using var probe = new SqliteConnection(connection.ToString());
        try
        {
            await probe.OpenAsync(ct);
            await using var begin = probe.CreateCommand();
            begin.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await begin.ExecuteNonQueryAsync(ct);
            return false;
        }
        catch (SqliteException e) when (StorageFailures.Is(e, StorageFailure.Busy))
        {
            return true;
        }
    }
}
