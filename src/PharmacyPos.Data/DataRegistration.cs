using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PharmacyPos.Data;

public static class DataRegistration
{
    /// <summary>
    /// The database (SQLite file or the chain's PostgreSQL) and what reads and writes it: the context
    /// with its storage watch, the catalogue, the registration ledger, the audit search, work claims.
    /// A bad Database setting stops start-up with a message naming it.
    /// </summary>
    public static IServiceCollection AddPosData(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.IsPostgreSql || !string.IsNullOrWhiteSpace(o.Path), "设置 Database:Path（SQLite 数据库文件）不能为空。")
            .InRange(o => o.BusyTimeoutSeconds, 1, 60, "Database:BusyTimeoutSeconds", "等待数据库锁的秒数")
            .ValidateOnStart();
        services.AddSingleton<StorageWatch>();
        services.AddSingleton<Shifts.OpenShifts>();
        services.AddOptions<Backup.BackupOptions>().Bind(configuration.GetSection(Backup.BackupOptions.Section))
            .Validate(o => o.IntervalHours is >= 0.01 and <= 24 * 7, "设置 Backup:IntervalHours（备份间隔小时数）应在 0.01 到 168 之间。")
            .Validate(o => o.KeepDaily is >= 1 and <= 366 && o.KeepWeekly is >= 0 and <= 520, "设置 Backup:KeepDaily 应在 1 到 366 之间，Backup:KeepWeekly 在 0 到 520 之间。")
            .Validate(o => o.FirstAfterSeconds is >= 0 and <= 86_400, "设置 Backup:FirstAfterSeconds 应在 0 到 86400 之间。")
            .ValidateOnStart();
        services.AddSingleton<Backup.Backups>();
        // The options once per process, not per request: building them (paths, connection string, key lookup,
        // EF's service-provider key) was work every scan and payment repeated for the same answer.
        services.AddDbContext<PosDbContext>((sp, options) => options.UsePosDatabase(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value)
            .AddInterceptors(sp.GetRequiredService<StorageWatch>()), optionsLifetime: ServiceLifetime.Singleton);
        services.AddSingleton(sp => Claims.WorkClaims.For(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        services.AddScoped<Catalogue.CatalogueSearch>();
        services.AddScoped<Catalogue.CatalogueImport>();
        services.AddScoped<Catalogue.PriceEdit>();
        services.AddScoped<Registrations.RegistrationLedger>();
        services.AddScoped<Regulated.RegulatedRegisters>();
        services.AddScoped<Audit.AuditSearch>();
        services.AddScoped<Reports.SalesReports>();
        services.AddScoped<Catalogue.CatalogueExport>();
        services.AddScoped<Stock.ReceivingImport>();
        services.AddScoped<Stock.StockQuery>();
        services.AddScoped<Stock.StockCount>();
        services.AddScoped<Stock.SalesRecord>();
        return services;
    }
}
