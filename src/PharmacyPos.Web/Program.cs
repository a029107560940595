using PharmacyPos.Web;

var app = await PosHost.BuildAsync(args);
await app.RunAsync();
