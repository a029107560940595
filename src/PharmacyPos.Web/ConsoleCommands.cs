using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Data;
using PharmacyPos.Web.Features.Account;

namespace PharmacyPos.Web;

/// <summary>
/// What the owner runs on the POS machine itself, with the same settings as the POS:
/// <c>dotnet run --project src/PharmacyPos.Web -- reset-password admin</c>. Needing the machine,
/// not the web, is the point: it is the way back in when every administrator is locked out.
/// </summary>
public static class ConsoleCommands
{
    public const string ResetPassword = "reset-password";

    /// <returns>The exit code, or null when the arguments name no command (start the POS).</returns>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        var at = Array.IndexOf(args, ResetPassword);
        if (at < 0) return null;
        if (at + 1 >= args.Length || args[at + 1].StartsWith('-'))
        {
            Console.Error.WriteLine("用法：reset-password 账号 [--Database:Path … | --Database:PostgreSql …]");
            return 2;
        }
        var userName = args[at + 1];
        // Every other argument is a setting, as the POS itself takes them (which database, which store).
        string[] settings = [.. args[..at], .. args[(at + 2)..]];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = settings, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddPosData(builder.Configuration).AddTerminal(builder.Configuration).AddStaffAccounts();
        using var host = builder.Build();
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
}
