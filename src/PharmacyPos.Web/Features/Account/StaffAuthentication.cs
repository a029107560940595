using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using PharmacyPos.Checkout;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Domain.Staff;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Account;

/// <summary>
/// Cookie sign-in for staff: every page and API needs it (the fallback policy), pages and API
/// endpoints ask for a <see cref="Permission"/>, and a cookie whose account changed its password,
/// role or status since it was issued is turned away on its next request.
/// </summary>
public static class StaffAuthentication
{
    public const string SignInLimit = "sign-in";

    public static IServiceCollection AddStaffAuthentication(this IServiceCollection services, IConfiguration configuration, bool requireHttps)
    {
        var options = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new();
        services.AddSingleton(options);
        services.AddStaffAccounts();
        services.AddScoped<StaffScopes>();
        services.AddScoped<CircuitHandler, StaffCircuit>();
        services.AddCascadingAuthenticationState();
        services.AddMemoryCache();
        // A till stays open for a shift: its circuit asks again every minute (a setting) whether the account still stands.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, StaffRevalidation>();

        services.AddAuthentication(StaffClaims.Scheme).AddCookie(StaffClaims.Scheme, o =>
        {
            o.Cookie.Name = "PharmacyPos.Staff";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Behind HTTPS (Security:RequireHttps) the cookie is never sent in clear.
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // A shift, not forever: a till left signed in overnight asks again in the morning.
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.LoginPath = "/signin";
            o.AccessDeniedPath = "/denied";
            o.Events.OnRedirectToLogin = c => ApiOrRedirect(c, StatusCodes.Status401Unauthorized, new("SIGN_IN_REQUIRED", "请先登录。"));
            o.Events.OnRedirectToAccessDenied = c => ApiOrRedirect(c, StatusCodes.Status403Forbidden, Domain.Errors.PosErrors.Forbidden());
            o.Events.OnValidatePrincipal = ValidateAsync;
        });
        services.AddAuthorization(o =>
        {
            o.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            foreach (var permission in Enum.GetValues<Permission>())
                o.AddPolicy(permission.ToString(), p => p.RequireRole(StaffRoles.Holding(permission).Select(r => r.ToString())));
        });
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per address: a guesser cycling through user names is slowed down even before any account locks.
            o.AddPolicy(SignInLimit, context => System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                {
                    PermitLimit = options.SignInsPerMinutePerAddress, Window = TimeSpan.FromMinutes(1), QueueLimit = 0,
                }));
            o.OnRejected = async (context, ct) =>
            {
                var error = new Domain.Errors.PosError("SIGN_IN_THROTTLED", "登录尝试过于频繁，请一分钟后再试。");
                if (IsApi(context.HttpContext.Request))
                    await PosApi.Problem(error, StatusCodes.Status429TooManyRequests).ExecuteAsync(context.HttpContext);
                else
                    context.HttpContext.Response.Redirect("/signin?error=" + error.Code);
            };
        });
        return services;
    }

    /// <summary>Accounts, passwords and who is on duty at this till: the web app and the console's reset-password both use them.</summary>
    internal static IServiceCollection AddStaffAccounts(this IServiceCollection services)
    {
        services.AddSingleton<IPasswordHasher<StaffAccount>, PasswordHasher<StaffAccount>>();
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped(sp =>
        {
            var terminal = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TerminalOptions>>().Value;
            return new StaffOnDuty(terminal.StoreId, terminal.TerminalId);
        });
        return services;
    }

    /// <summary>Until the first-run or reset password is changed, only the change-password page (and signing out) is open.</summary>
    public static IApplicationBuilder UsePasswordChangeGate(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (StaffClaims.MustChangePassword(context.User)
            && !path.StartsWithSegments("/password") && !path.StartsWithSegments("/signout") && !path.StartsWithSegments("/account")
            && !path.StartsWithSegments("/api/session") && !IsAsset(path))
        {
            if (IsApi(context.Request))
            {
                await PosApi.Problem(new("PASSWORD_CHANGE_REQUIRED", "请先修改初始密码。"), StatusCodes.Status403Forbidden).ExecuteAsync(context);
                return;
            }
            context.Response.Redirect("/password");
            return;
        }
        await next();
    });

    /// <summary>Who this request acts for: the audit log names them for whatever it saves.</summary>
    public static IApplicationBuilder UseStaffOnDuty(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.RequestServices.GetRequiredService<StaffOnDuty>().Set(StaffClaims.ToActor(context.User));
        return next(context);
    });

    private static bool IsAsset(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || Path.HasExtension(path.Value);

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> c, int status, Domain.Errors.PosError error)
    {
        if (IsApi(c.Request)) return PosApi.Problem(error, status).ExecuteAsync(c.HttpContext);
        // The handler builds an absolute address from the request's Host header, which the client chooses:
        // a forged Host must not send the cashier to another machine, so only the path and query go out.
        c.Response.Redirect(Uri.TryCreate(c.RedirectUri, UriKind.Absolute, out var absolute) ? absolute.PathAndQuery : c.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null || !await StillValidAsync(context.Principal, context.HttpContext.RequestServices))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(StaffClaims.Scheme);
        }
    }

    /// <summary>
    /// Same account, same security stamp, not disabled. Asked of the database at most every
    /// <see cref="AccountOptions.SessionRecheckSeconds"/> per sign-in: a disabled account or a
    /// changed password takes effect within it.
    /// </summary>
    internal static async Task<bool> StillValidAsync(System.Security.Claims.ClaimsPrincipal user, IServiceProvider services)
    {
        if (StaffClaims.AccountId(user) is not { } id || StaffClaims.SecurityStamp(user) is not { } stamp
            || StaffClaims.SessionId(user) is not { } session) return false;
        var cache = services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        var key = ValidityKey(session);
        if (cache.TryGetValue(key, out (string Stamp, bool Valid) known) && known.Stamp == stamp) return known.Valid;
        bool valid;
        try
        {
            valid = await services.GetRequiredService<StaffAccounts>().CurrentAsync(id, stamp, session) is not null;
        }
        catch (Exception e) when (PharmacyPos.Data.StorageFailures.Classify(e) is { } failure)
        {
            // The database, not the account, failed: a sign-in confirmed within the grace stands, asked again next time.
            var stands = cache.TryGetValue(ConfirmedKey(session), out string? confirmedStamp) && confirmedStamp == stamp;
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffAuthentication)).LogWarning(
                "Sign-in {Session} of account {Account} could not be rechecked ({Failure}); {Outcome}",
                session, id, failure, stands ? "kept within the outage grace" : "ended: not confirmed within the grace");
            return stands;
        }
        var recheck = TimeSpan.FromSeconds(services.GetRequiredService<AccountOptions>().SessionRecheckSeconds);
        if (recheck > TimeSpan.Zero) cache.Set(key, (stamp, valid), recheck);
        if (valid) Confirmed(services, session, stamp);
        else cache.Remove(ConfirmedKey(session));
        return valid;
    }

    /// <summary>The database has just said this sign-in stands (at sign-in, at each recheck): it outlives an outage for the grace.</summary>
    internal static void Confirmed(IServiceProvider services, string sessionId, string stamp) =>
        services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>().Set(ConfirmedKey(sessionId), stamp,
            TimeSpan.FromMinutes(services.GetRequiredService<AccountOptions>().DatabaseOutageGraceMinutes));

    /// <summary>A signed-out session is refused on this POS at once, not after the recheck interval.</summary>
    internal static void Forget(IServiceProvider services, string? sessionId)
    {
        if (sessionId is null) return;
        var cache = services.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>();
        cache.Remove(ValidityKey(sessionId));
        cache.Remove(ConfirmedKey(sessionId));
    }

    private static (string, string) ValidityKey(string sessionId) => ("staff-session", sessionId);

    private static (string, string) ConfirmedKey(string sessionId) => ("staff-session-confirmed", sessionId);

    private sealed class StaffRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, AccountOptions options)
        : Microsoft.AspNetCore.Components.Server.RevalidatingServerAuthenticationStateProvider(logs)
    {
        protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.CircuitRecheckSeconds);

        protected override async Task<bool> ValidateAuthenticationStateAsync(
            Microsoft.AspNetCore.Components.Authorization.AuthenticationState state, CancellationToken cancellationToken)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await StillValidAsync(state.User, scope.ServiceProvider);
        }
    }

    /// <summary>A Blazor circuit outlives its request: the member of staff is taken from the circuit's sign-in when it opens.</summary>
    private sealed class StaffCircuit(Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider auth, StaffOnDuty staff) : CircuitHandler
    {
        public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            var state = await auth.GetAuthenticationStateAsync();
            staff.Set(StaffClaims.ToActor(state.User));
        }
    }
}
