using PharmacyPos.Data;
using PharmacyPos.Web;

try
{
    if (await ConsoleCommands.TryRunAsync(args) is { } exitCode) return exitCode;
    var app = await PosHost.BuildAsync(args);
    await app.RunAsync();
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
catch (PharmacyPos.Checkout.TerminalRejectedException e)
{
    Console.Error.WriteLine(e.Message);
    return 4;
}
