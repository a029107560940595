using Microsoft.Extensions.Options;
using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Data;
using PharmacyPos.Data.Backup;
using PharmacyPos.Web.Features.Account;

namespace PharmacyPos.Web;

/// <summary>
/// What the owner runs on the POS machine itself, with the same settings as the POS:
/// <c>dotnet run --project src/PharmacyPos.Web -- reset-password admin</c>, <c>-- backup [FILE]</c>,
/// <c>-- restore FILE</c>. Needing the machine, not the web, is the point: it is the way back in
/// when every administrator is locked out, and the way back after a lost disk.
/// </summary>
public static class ConsoleCommands
{
    public const string ResetPassword = "reset-password", Backup = "backup", Restore = "restore";

    /// <returns>The exit code, or null when the arguments name no command (start the POS).</returns>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        foreach (var command in new[] { ResetPassword, Backup, Restore })
        {
            var at = Array.IndexOf(args, command);
            if (at < 0) continue;
            var operand = at + 1 < args.Length && !args[at + 1].StartsWith('-') ? args[at + 1] : null;
            // Every other argument is a setting, as the POS itself takes them (which database, which store).
            string[] settings = [.. args[..at], .. args[(at + (operand is null ? 1 : 2))..]];
            return command switch
            {
                ResetPassword => await ResetPasswordAsync(operand, settings),
                Backup => await BackupAsync(operand, settings),
                _ => RestoreFrom(operand, settings),
            };
        }
        return null;
    }

    private static IHost Host(string[] settings, Action<IServiceCollection, IConfiguration> services)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPosData(builder.Configuration);
        services(builder.Services, builder.Configuration);
        return builder.Build();
    }

    private static async Task<int> ResetPasswordAsync(string? userName, string[] settings)
    {
        if (userName is null)
        {
            Console.Error.WriteLine("用法：reset-password 账号 [--Database:Path … | --Database:PostgreSql …]");
            return 2;
        }
        using var host = Host(settings, (s, c) => s.AddTerminal(c).AddStaffAccounts());
        await using var scope = host.Services.CreateAsyncScope();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider.GetRequiredService<PosDbContext>());
        var reset = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ResetAtConsoleAsync(userName);
        if (!reset.IsSuccess)
        {
            Console.Error.WriteLine(reset.Error.Message);
            return 1;
        }
        // On this console only, never in a log: the owner signs in with it and must choose a new one.
        Console.WriteLine($"已重置账号 {userName.Trim().ToLowerInvariant()} 的密码并解除锁定。一次性密码：{reset.Value}（登录后须立即修改）");
        return 0;
    }

    /// <summary>An online backup, also while the POS runs: into FILE, or the backup folder under today's name.</summary>
    private static async Task<int> BackupAsync(string? file, string[] settings)
    {
        using var host = Host(settings, (_, _) => { });
        var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.IsPostgreSql)
        {
            Console.Error.WriteLine("连锁数据库（PostgreSQL）请用 pg_dump 或基础备份（见 docs/chains.md）。");
            return 2;
        }
        if (!File.Exists(Path.GetFullPath(database.Path)))
        {
            Console.Error.WriteLine($"数据库文件不存在：{Path.GetFullPath(database.Path)}");
            return 1;
        }
        var backups = host.Services.GetRequiredService<Backups>();
        string? written;
        if (file is null) written = await backups.RunAsync();
        else
        {
            if (File.Exists(file))
            {
                Console.Error.WriteLine($"目标文件已存在，不覆盖：{Path.GetFullPath(file)}");
                return 1;
            }
            try
            {
                await SqliteBackup.BackupAsync(database, file);
                written = Path.GetFullPath(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                Console.Error.WriteLine($"备份失败：{e.Message}");
                return 1;
            }
        }
        if (written is null)
        {
            Console.Error.WriteLine($"备份失败：{backups.Status.Failure}");
            return 1;
        }
        Console.WriteLine($"已备份到 {written}");
        Console.WriteLine($"个人信息密钥不在备份内：请把 {KeyNote(database)} 另行保管（与备份分开存放），恢复时须用同一密钥。");
        return 0;
    }

    /// <summary>Writes a checked backup over the database file; never under a running POS.</summary>
    private static int RestoreFrom(string? file, string[] settings)
    {
        if (file is null)
        {
            Console.Error.WriteLine("用法：restore 备份文件 [--Database:Path …]");
            return 2;
        }
        using var host = Host(settings, (_, _) => { });
        var database = host.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.IsPostgreSql)
        {
            Console.Error.WriteLine("连锁数据库（PostgreSQL）请用 pg_restore 或基础备份恢复（见 docs/chains.md）。");
            return 2;
        }
        using var running = RunningLock.TryTake(database);
        if (running is null)
        {
            Console.Error.WriteLine("收银系统正在使用该数据库，不能恢复。请先停止收银系统，再运行 restore。");
            return 3;
        }
        if (SqliteBackup.Problem(file) is { } problem)
        {
            Console.Error.WriteLine($"不能用此文件恢复：{problem}");
            return 4;
        }
        var target = Path.GetFullPath(database.Path);
        if (File.Exists(target))
        {
            // What is being replaced is kept as it lies (it may be the damaged one): a restore from the wrong file can be undone.
            var kept = target + ".before-restore-" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                if (File.Exists(target + suffix)) File.Copy(target + suffix, kept + suffix);
            Console.WriteLine($"原数据库已另存为 {kept}");
        }
        SqliteBackup.Restore(file, database);
        Console.WriteLine($"已从 {Path.GetFullPath(file)} 恢复到 {target}。启动收银系统后，自动核实和对账会查出备份之后渠道上的交易。");
        return 0;
    }

    private static string KeyNote(DatabaseOptions database) =>
        string.IsNullOrWhiteSpace(database.PersonalDataKey) ? Path.GetFullPath(database.Path) + ".key" : "设置 Database:PersonalDataKey";
}
