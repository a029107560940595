using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Domain.Audit;
using PharmacyPos.Domain.Errors;
using PharmacyPos.Web.Api;

namespace PharmacyPos.Web.Features.Account;

/// <summary>
/// Signing in and out, and changing one's password: form posts from the static account pages
/// (antiforgery-checked) and the same as JSON for scripts and the harnesses (/api/session).
/// </summary>
public static class AccountEndpoints
{
    public sealed record SessionRequest(string? UserName, string? Password);

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signin", async ([FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl,
            StaffAccounts accounts, HttpContext http, CancellationToken ct) =>
        {
            var result = await accounts.SignInAsync(userName, password, SignInClients.For(http, userName), ct);
            if (!result.IsSuccess)
                return Results.LocalRedirect($"/signin?error={result.Error.Code}&user={Uri.EscapeDataString(userName ?? "")}&returnUrl={Uri.EscapeDataString(LocalOrRoot(returnUrl))}");
            await SignedInAsync(http, result.Value);
            return Results.LocalRedirect(result.Value.MustChangePassword ? "/password" : LocalOrRoot(returnUrl));
        }).AllowAnonymous().RequireRateLimiting(StaffAuthentication.SignInLimit);

        app.MapPost("/account/signout", async (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery, StaffAccounts accounts, CancellationToken ct) =>
        {
            // The middleware checks only requests that carry a form; a sign-out has no fields, so it is checked here, whatever it carries.
            if (!await antiforgery.IsRequestValidAsync(http))
                return PosApi.Problem(ApiErrors.RequestInvalid, StatusCodes.Status400BadRequest);
            await SignOutAsync(http, accounts, ct);
            return Results.LocalRedirect("/signin");
        }).DisableAntiforgery();

        app.MapPost("/account/password", async ([FromForm] string? current, [FromForm] string? next, [FromForm] string? repeat,
            StaffAccounts accounts, HttpContext http, CancellationToken ct) =>
        {
            if (StaffClaims.AccountId(http.User) is not { } id) return Results.LocalRedirect("/signin");
            var result = await accounts.ChangePasswordAsync(id, current, next, repeat, SignInClients.For(http, http.User.Identity?.Name), ct);
            if (!result.IsSuccess) return Results.LocalRedirect("/password?error=" + result.Error.Code);
            StaffAuthentication.Forget(http.RequestServices, StaffClaims.SessionId(http.User));
            await SignedInAsync(http, result.Value);
            return Results.LocalRedirect("/?password=changed");
        });

        app.MapPost("/api/session", async (SessionRequest request, StaffAccounts accounts, HttpContext http, CancellationToken ct) =>
        {
            var result = await accounts.SignInAsync(request.UserName, request.Password, SignInClients.For(http, request.UserName), ct);
            if (!result.IsSuccess)
                return PosApi.Problem(result.Error, result.Error.Code switch
                {
                    "ACCOUNT_LOCKED" => StatusCodes.Status423Locked,
                    "SIGN_IN_DELAYED" => StatusCodes.Status429TooManyRequests,
                    _ => StatusCodes.Status401Unauthorized,
                });
            await SignedInAsync(http, result.Value);
            var actor = result.Value.Actor;
            return Results.Ok(new { actor.UserName, actor.DisplayName, Role = actor.Role?.ToString(), result.Value.MustChangePassword });
        }).AllowAnonymous().RequireRateLimiting(StaffAuthentication.SignInLimit);

        app.MapDelete("/api/session", async (HttpContext http, StaffAccounts accounts, CancellationToken ct) =>
        {
            await SignOutAsync(http, accounts, ct);
            return Results.NoContent();
        });
    }

    private static async Task SignedInAsync(HttpContext http, SignedIn signedIn)
    {
        SignInClients.Remember(http, signedIn.Actor.UserName);
        await http.SignInAsync(StaffClaims.Scheme, StaffClaims.Principal(signedIn));
        StaffAuthentication.Confirmed(http.RequestServices, signedIn.SessionId, signedIn.SecurityStamp);
        // Signing in at a till opens the cashier's 班次, or continues the one they left open.
        var terminal = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<PharmacyPos.Checkout.TerminalOptions>>().Value;
        await http.RequestServices.GetRequiredService<PharmacyPos.Data.Shifts.OpenShifts>()
            .OpenOrContinueAsync(terminal.StoreId, terminal.TerminalId, signedIn.Actor, http.RequestAborted);
    }

    /// <summary>Ends the session on the server (a copied cookie stops working too), then drops the cookie.</summary>
    private static async Task SignOutAsync(HttpContext http, StaffAccounts accounts, CancellationToken ct)
    {
        var session = StaffClaims.SessionId(http.User);
        await accounts.SignOutAsync(session, ct);
        StaffAuthentication.Forget(http.RequestServices, session);
        await http.SignOutAsync(StaffClaims.Scheme);
    }

    /// <summary>Only a path on this POS: a crafted sign-in link must not send the cashier elsewhere.</summary>
    private static string LocalOrRoot(string? url) =>
        url is { Length: > 0 } u && u[0] == '/' && !u.StartsWith("//", StringComparison.Ordinal) && !u.StartsWith("/\\", StringComparison.Ordinal)
        && !u.Any(c => char.IsControl(c) || char.IsWhiteSpace(c) || c == '\\') ? u : "/";

    /// <summary>The Chinese sentence for an error code carried back to a page in its query string.</summary>
    public static string? Message(string? code) => code switch
    {
        null or "" => null,
        "SIGN_IN_FAILED" => StaffAccounts.WrongCredentials.Message,
        "ACCOUNT_DISABLED" => StaffAccounts.Disabled.Message,
        "ACCOUNT_LOCKED" => $"密码错误次数过多，账号已锁定 {Domain.Staff.StaffAccount.LockDuration.TotalMinutes:0} 分钟，请稍后再试或联系管理员重置。",
        "SIGN_IN_THROTTLED" => "登录尝试过于频繁，请一分钟后再试。",
        "SIGN_IN_DELAYED" => "此终端密码错误次数过多，请稍后再试（每次错误后等待时间加倍）；忘记密码请联系管理员重置。",
        "PASSWORD_CURRENT_WRONG" => "当前密码不正确。",
        "PASSWORD_MISMATCH" => "两次输入的新密码不一致。",
        "PASSWORD_TOO_SHORT" => $"密码至少 {Domain.Staff.PasswordRule.MinLength} 位。",
        "PASSWORD_TOO_LONG" => $"密码不能超过 {Domain.Staff.PasswordRule.MaxLength} 位。",
        "PASSWORD_TOO_WEAK" => "密码须同时包含字母和数字。",
        "PASSWORD_CONTAINS_NAME" => "密码不能包含账号名。",
        "PASSWORD_UNCHANGED" => "新密码不能与当前密码相同。",
        _ => "操作未完成，请重试。",
    };
}
