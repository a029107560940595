using System.Security.Claims;
using PharmacyPos.Checkout.Staff;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.Web.Features.Account;

/// <summary>What the sign-in cookie says about its holder, and back.</summary>
public static class StaffClaims
{
    public const string Scheme = "PharmacyPos.Staff";
    private const string DisplayName = "pos:display";
    private const string Stamp = "pos:stamp";
    private const string MustChange = "pos:must-change-password";
    private const string Session = "pos:session";

    public static ClaimsPrincipal Principal(SignedIn signedIn) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, signedIn.AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new Claim(ClaimTypes.Name, signedIn.Actor.UserName),
        new Claim(ClaimTypes.Role, signedIn.Actor.Role!.Value.ToString()),
        new Claim(DisplayName, signedIn.Actor.DisplayName),
        new Claim(Stamp, signedIn.SecurityStamp),
        new Claim(Session, signedIn.SessionId),
        .. signedIn.MustChangePassword ? [new Claim(MustChange, "1")] : Array.Empty<Claim>(),
    ], Scheme, ClaimTypes.Name, ClaimTypes.Role));

    public static Actor ToActor(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true && Enum.TryParse<StaffRole>(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? new Actor(user.Identity.Name ?? "", user.FindFirstValue(DisplayName) ?? "", role)
            : Actor.System;

    public static long? AccountId(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? SecurityStamp(ClaimsPrincipal user) => user.FindFirstValue(Stamp);

    public static string? SessionId(ClaimsPrincipal user) => user.FindFirstValue(Session);

    public static bool MustChangePassword(ClaimsPrincipal user) => user.HasClaim(MustChange, "1");
}
