using Microsoft.AspNetCore.DataProtection;

namespace PharmacyPos.Web.Features.Account;

/// <summary>
/// Tells clients apart for the sign-in throttle. A browser where an account has signed in
/// before carries a device cookie (protected by the framework's data protection, so it cannot
/// be forged) naming it: its attempts for that account are its own, and a guesser elsewhere —
/// even on the same machine, since a till and a script both come from 127.0.0.1 — cannot hold
/// it back. Anything else is known by its address.
/// </summary>
public static class SignInClients
{
    private const string CookieName = "PharmacyPos.Device";
    private const int AccountsRemembered = 10;

    public static string For(HttpContext http, string? userName)
    {
        var name = userName?.Trim().ToLowerInvariant() ?? "";
        if (Read(http) is { } device && device.Accounts.Contains(name)) return "device:" + device.Id;
        return "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
    }

    /// <summary>After a good password: this browser is now a known device for the account.</summary>
    public static void Remember(HttpContext http, string userName)
    {
        var device = Read(http) ?? (Guid.NewGuid().ToString("N"), []);
        var accounts = device.Accounts.Where(a => a != userName).Prepend(userName).Take(AccountsRemembered).ToArray();
        var value = Protector(http).Protect(device.Id + "|" + string.Join(',', accounts));
        http.Response.Cookies.Append(CookieName, value, new CookieOptions
        {
            HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true, Expires = DateTimeOffset.UtcNow.AddYears(1),
            Secure = http.Request.IsHttps,
        });
    }

    private static (string Id, string[] Accounts)? Read(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var parts = Protector(http).Unprotect(value).Split('|');
            return parts.Length == 2 ? (parts[0], parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries)) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // forged, or from before a key change: an unknown device
        }
    }

    private static IDataProtector Protector(HttpContext http) =>
        http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("PharmacyPos.SignInDevice");
}
