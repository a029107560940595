using PharmacyPos.Data;
using PharmacyPos.Web;

// Taken before the run: the host disposes its services (the lifetime with them) when the run ends.
var stopping = CancellationToken.None;
try
{
    if (await ConsoleCommands.TryRunAsync(args) is { } exitCode) return exitCode;
    var app = await PosHost.BuildAsync(args);
    stopping = app.Lifetime.ApplicationStopping;
    await app.RunAsync();
    return 0;
}
catch (OperationCanceledException) when (stopping.IsCancellationRequested)
{
    // Told to stop (SIGTERM, Ctrl+C) while the host was still starting: the host gives that up with a
    // cancellation, which is the stop the operator asked for, not a crash.
    Console.Error.WriteLine("收银系统在启动过程中被停止。");
    return 0;
}
catch (DatabaseUnavailableException e)
{
    // A defined end, in words the owner can act on, instead of a stack trace at the counter.
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine($"({e.InnerException?.GetType().Name}: {e.InnerException?.Message})");
    return 3;
}
catch (PharmacyPos.Data.PersonalData.PersonalDataKeyException e)
{
    Console.Error.WriteLine(e.Message);
    return 3;
}
catch (Microsoft.Extensions.Options.OptionsValidationException e)
{
    // A setting out of range stops the POS before the first sale, naming the setting.
    Console.Error.WriteLine("收银系统的设置有误，无法启动：");
    foreach (var failure in e.Failures) Console.Error.WriteLine("  " + failure);
    return 5;
}
catch (PharmacyPos.Checkout.TerminalRejectedException e)
{
    Console.Error.WriteLine(e.Message);
    return 4;
}
