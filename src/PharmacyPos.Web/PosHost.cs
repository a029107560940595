using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PharmacyPos.Channels;
using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Data;
using PharmacyPos.Data.Catalogue;
using PharmacyPos.Web.Api;
using PharmacyPos.Web.Components;
using PharmacyPos.Web.Features.Account;
using PharmacyPos.Web.Features.Sale;

namespace PharmacyPos.Web;

/// <summary>
/// Builds the POS host. Program.cs runs it; the end-to-end tests start the same host as a
/// process on a free port, so what they test is what a pharmacy runs.
/// </summary>
public static class PosHost
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PosHost).Assembly.GetName().Name,
            // Settings and assets sit beside the binaries; the working directory holds the data.
            ContentRootPath = AppContext.BaseDirectory,
        });
        PharmacyPos.Web.Logging.JsonLines.Use(builder);
        PharmacyPos.Web.Features.Telemetry.Telemetry.Add(builder);
        // Blazor's framework script is a static web asset; serve it however the host was launched.
        builder.WebHost.UseStaticWebAssets();

        var services = builder.Services;
        services.AddPaymentChannels(builder.Configuration);
        services.AddRazorComponents().AddInteractiveServerComponents();
        // Chinese text goes out as Chinese, not as &#x...; entities (smaller pages, greppable receipts).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddProblemDetails();
        // SecurityHeaders sends X-Frame-Options: DENY on every answer; antiforgery's SAMEORIGIN would be a second value.
        var requireHttps = builder.Configuration.GetValue("Security:RequireHttps", false);
        services.AddAntiforgery(o =>
        {
            o.SuppressXFrameOptionsHeader = true;
            // Secure on every HTTPS request. Not Always: the framework then answers a plain-HTTP page with a 500
            // instead of letting the HTTPS redirect send it on.
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        // The banner says nothing an attacker needs to know.
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        services.AddPosData(builder.Configuration);
        services.AddCheckout(builder.Configuration);
        // First registered, last stopped: recovery has finished with the platform before the sign-out.
        services.AddHostedService<InsuranceSignOutService>();
        if (builder.Configuration.GetValue("Reconciliation:Enabled", true)) services.AddHostedService<ReconciliationService>();
        var recovery = builder.Configuration.GetSection(PharmacyPos.Checkout.Recovery.RecoveryOptions.Section).Get<PharmacyPos.Checkout.Recovery.RecoveryOptions>() ?? new();
        if (recovery.Enabled) services.AddHostedService<RecoveryService>();
        services.AddHostedService<BackupService>();
        services.AddHostedService<PharmacyPos.Web.Features.Sale.TillWarmUp>();
        services.AddScoped<SaleSession>();
        services.AddStaffAuthentication(builder.Configuration, requireHttps);
        services.AddHealthChecks().AddDbContextCheck<PosDbContext>().AddCheck<PharmacyPos.Web.Features.Health.StorageHealthCheck>("storage");
        services.AddExceptionHandler<PharmacyPos.Web.Features.Health.StorageFailureHandler>();

        var app = builder.Build();
        // A till's start side by side on its two cores: the sandbox (its keys — made on the first
        // install — and its own host) beside the database model, which EF Core builds once and caches,
        // and then beside the database's preparation. None of them reads another's settings.
        var sandboxStart = EmbeddedSandbox.IsWanted(builder.Configuration) ? Task.Run(() => EmbeddedSandbox.StartAsync(builder.Configuration)) : null;
        await Task.Run(() => BuildModel(app));
        // EF Core's query pipeline is made ready on the other core while the main thread asks for pending
        // migrations: the terminal's sign-in, the first query of the start, then takes ≈ 50 ms less.
        _ = Task.Run(() => PrepareQueryPipeline(app));
        // The database's and terminal's settings are checked as they are read: a bad one ends start-up
        // with the Chinese message naming it (Program.cs prints it) before the database is touched.
        var database = PrepareDatabaseAsync(app);
        var sandbox = sandboxStart is null ? null : await sandboxStart;
        // Every bound setting — the channels' too, which the sandbox has just given — is checked before the
        // first administrator's password is shown or the host listens.
        app.Services.GetService<IStartupValidator>()?.Validate();
        await CreateAdministratorAsync(app, await database);
        HoldRunningLock(app);

        // In Development too: a database failure is an answer the API promises (503 with its code), not a debugging aid.
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        if (requireHttps)
        {
            // A till reached over the shop's network, not loopback: see docs/security.md for the certificate.
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.Use(SecurityHeaders);
        // A page for a GET that found nothing; a form post that failed (say, an expired antiforgery token)
        // gets a Chinese problem instead: re-running a rejected form would only fail again.
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.Use(ProblemsForWrites);
        app.UseAuthentication();
        app.UseAuthorization();
        app.Use(JsonForApiWrites);
        app.UsePasswordChangeGate();
        app.UseStaffOnDuty();
        app.UseRateLimiter();
        app.UseAntiforgery();
        // The sign-in page needs its stylesheet and script before anyone is signed in.
        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/health").AllowAnonymous();
        PharmacyPos.Web.Features.Telemetry.Telemetry.Map(app);
        app.MapAccountEndpoints();
        app.MapPosApi();
        app.MapCheckoutApi();
        PharmacyPos.Web.Features.Reconciliation.ReconciliationExport.MapReconciliationExport(app);
        PharmacyPos.Web.Features.Audit.AuditExport.MapAuditExport(app);
        PharmacyPos.Web.Features.Reports.ReportsExport.MapReportsExport(app);
        PharmacyPos.Web.Features.Shifts.ShiftApi.MapShiftApi(app);
        PharmacyPos.Web.Features.Catalogue.CatalogueDownload.MapCatalogueExport(app);
        PharmacyPos.Web.Features.Stock.StockDownload.MapStockExport(app);
        PharmacyPos.Web.Features.Regulated.RegulatedExport.MapRegulatedExport(app);
        // SecurityHeaders already sends frame-ancestors 'none'; Blazor's own 'self' would be a second policy.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

        app.Lifetime.ApplicationStarted.Register(() => AnnounceAddresses(app));
        if (sandbox is not null) app.Lifetime.ApplicationStopping.Register(() => sandbox.StopAsync().GetAwaiter().GetResult());
        return app;
    }

    /// <summary>
    /// While it runs, the POS holds its SQLite file's running lock: <c>restore</c> then knows not to
    /// write under it. A second POS on the same file (a test of two instances) runs without it.
    /// </summary>
    private static void HoldRunningLock(WebApplication app)
    {
        var database = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (database.IsPostgreSql) return;
        var held = PharmacyPos.Data.Backup.RunningLock.TryTake(database);
        if (held is null)
            app.Logger.LogWarning("Another process holds {Lock}: a second POS on the same database file", PharmacyPos.Data.Backup.RunningLock.PathFor(database));
        else
            app.Lifetime.ApplicationStopped.Register(held.Dispose);
    }

    private static async Task ProblemsForWrites(HttpContext context, Func<Task> next)
    {
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            await next();
            return;
        }
        context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>()?.Enabled = false;
        await next();
        if (context.Response is { HasStarted: false, StatusCode: >= 400, ContentLength: null, ContentType: null })
            await RequestProblem(context);
    }

    private static Task RequestProblem(HttpContext context) => PosApi.Problem(context.Response.StatusCode switch
    {
        StatusCodes.Status400BadRequest => ApiErrors.RequestInvalid,
        StatusCodes.Status404NotFound => new("NOT_FOUND", "未找到请求的地址。"),
        StatusCodes.Status405MethodNotAllowed => new("METHOD_NOT_ALLOWED", "不支持此操作。"),
        StatusCodes.Status413PayloadTooLarge => new("REQUEST_TOO_LARGE", "请求内容过大：处方图片不能超过 5 MB，请压缩后再上传。"),
        StatusCodes.Status415UnsupportedMediaType => new("UNSUPPORTED_MEDIA_TYPE", "请求格式不受支持，应为 JSON。"),
        _ => new("REQUEST_FAILED", "请求未完成，请重试。"),
    }, context.Response.StatusCode).ExecuteAsync(context);

    /// <summary>
    /// A state-changing API call must say it is JSON, even with no body. A page on another port of
    /// this host is the same site, so SameSite cookies do not stop it posting a form or text/plain
    /// with the cashier's cookie; a JSON request makes the browser ask first (CORS), which the POS
    /// never grants.
    /// </summary>
    private static Task JsonForApiWrites(HttpContext context, Func<Task> next)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method)
            || (Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                && type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)))
            return next();
        return PosApi.Problem(new("UNSUPPORTED_MEDIA_TYPE", "请求格式不受支持：须为 JSON（Content-Type: application/json）。"),
            StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(context);
    }

    /// <summary>
    /// Scripts only from the POS itself (Blazor's and till.js; no inline script, no eval), the
    /// circuit's WebSocket only back to the POS, forms only to the POS, nothing framed. Inline
    /// styles stay allowed: Blazor's reconnect dialog sets them, and a style cannot run code.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; "
        + "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>No framing (click-jacking at the till), no MIME sniffing, no referrer carrying a 交易号 out of the store.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        return next();
    }

    /// <summary>Translates a query to SQL without running it: nothing is read, so a first install's empty file is no matter.</summary>
    private static void PrepareQueryPipeline(WebApplication app)
    {
        try
        {
            using var scope = app.Services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<PosDbContext>().Stores.Where(s => s.Id == 0).ToQueryString();
        }
#pragma warning disable CA1031 // only a head start: the sign-in's own query reports any fault
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// Only the model: no connection is opened. Whatever fails here (a bad Database setting, a bad
    /// key) fails again in the start-up check or the database preparation, which name it in Chinese.
    /// </summary>
    private static void BuildModel(WebApplication app)
    {
        try
        {
            using var scope = app.Services.CreateScope();
            _ = scope.ServiceProvider.GetRequiredService<PosDbContext>().Model;
        }
#pragma warning disable CA1031 // reported by the steps after it, not here
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    /// <summary>
    /// The schema, this terminal, and on a demo its accounts, catalogue and stock; the first
    /// administrator to make when there is none (its password hashed meanwhile).
    /// </summary>
    private static async Task<StaffAccounts.NewAccounts> PrepareDatabaseAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PosDbContext>();
        await DatabaseSetup.MigrateAsync(db);
        var terminal = await scope.ServiceProvider.GetRequiredService<TerminalSignIn>().SignInAsync();
        app.Logger.LogInformation("Terminal {Terminal} signed in to store {StoreId} on {Provider}", terminal.Name, terminal.StoreId,
            db.Database.IsNpgsql() ? "PostgreSQL" : "SQLite");
        var staff = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var demoStaff = app.Services.GetRequiredService<AccountOptions>().SeedDemo ? await staff.StartDemoAsync(terminal.StoreId) : StaffAccounts.NewAccounts.None;
        var admin = await staff.StartAdministratorAsync(terminal.StoreId);
        if (app.Configuration.GetValue("Catalogue:SeedDemo", true))
        {
            var report = await DemoCatalogue.SeedIfEmptyAsync(db);
            if (report is not null)
                app.Logger.LogInformation("Demo catalogue seeded: {Added} drugs, {Errors} rejected rows", report.Added, report.Errors.Count);
            // Each store of a demo chain gets its shelves, and so does a demo from before batches existed: the till refuses drugs it holds none of.
            var batches = app.Configuration.GetValue("Catalogue:SeedDemoStock", true)
                ? await PharmacyPos.Data.Stock.DemoStock.SeedIfEmptyAsync(db, terminal.StoreId, app.Services.GetRequiredService<TimeProvider>()) : 0;
            if (batches > 0) app.Logger.LogInformation("Demo stock seeded for store {Store}: {Batches} batches", terminal.StoreId, batches);
        }
        if (await staff.AddDemoAsync(demoStaff) > 0)
            app.Logger.LogInformation("Demo accounts seeded: cashier (收银员), manager (店长) and pharmacist (药师); passwords in the README");
        return admin;
    }

    /// <summary>The first start on an empty database makes the administrator, once every setting has been found good.</summary>
    private static async Task CreateAdministratorAsync(WebApplication app, StaffAccounts.NewAccounts admin)
    {
        await using var scope = app.Services.CreateAsyncScope();
        if (await scope.ServiceProvider.GetRequiredService<StaffAccounts>().AddAdministratorAsync(admin) is { } password)
        {
            // Once, on the console only (never the log file): the owner writes it down and changes it at first sign-in.
            Console.WriteLine($"首次启动：已创建管理员账号 admin，初始密码 {password}（只显示这一次，首次登录后须修改）");
        }
    }

    private static void AnnounceAddresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // One plain line a newcomer (and the end-to-end tests) can read the address from.
            Console.WriteLine($"PharmacyPos 收银系统已启动: {address}");
        }
    }
}
