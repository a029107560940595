using PharmacyPos.Sandbox;

// Standalone sandbox: `dotnet run --project src/PharmacyPos.Sandbox -- --urls http://127.0.0.1:5090`.
// Its keys are made fresh for the run and printed, for configuring a POS started separately.
var url = args.SkipWhile(a => a != "--urls").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5090";
var options = SandboxOptions.Generate();
var app = SandboxApp.Build(options, url, ownsProcess: true);
await app.StartAsync();
Console.WriteLine($"沙箱已启动: {SandboxApp.Address(app)}");
Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(options));
await app.WaitForShutdownAsync();
