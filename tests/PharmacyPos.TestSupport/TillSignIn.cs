using Microsoft.Playwright;
using PharmacyPos.Domain.Staff;

namespace PharmacyPos.TestSupport;

/// <summary>Signing in at a till the way a cashier does: the 登录 form, by its labels.</summary>
public static partial class TillSignIn
{
    [System.Text.RegularExpressions.GeneratedRegex("/signin")]
    private static partial System.Text.RegularExpressions.Regex SignInPage();

    /// <summary>Signs a demo account in on <paramref name="page"/> and lands on <paramref name="path"/>.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, StaffRole role, string path = "/")
    {
        var (user, _, _, password) = PosServer.DemoStaff(role);
        await SignInAsync(page, baseUrl, user, password, path);
    }

    public static async Task SignInAsync(IPage page, string baseUrl, string user, string password, string path = "/")
    {
        await page.GotoAsync($"{baseUrl}/signin?returnUrl={Uri.EscapeDataString(path)}", new() { Timeout = 90_000 });
        await page.GetByLabel("账号").FillAsync(user);
        await page.GetByLabel("密码").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        // A bound, not a speed: a POS still starting on a busy machine may take long over its first page.
        try
        {
            // The address is watched, not a navigation or a load state: the redirect may already have happened when
            // the wait starts (a waitForURL then waits on a load state, which a starved machine was seen to miss),
            // and the page after sign-in is the caller's to wait for (the till's ready mark).
            await Assertions.Expect(page).Not.ToHaveURLAsync(SignInPage(), new() { Timeout = 90_000 });
        }
        catch (PlaywrightException e)
        {
            // Say where it stayed and what the page said, so a failure on a loaded machine can be told from a refusal.
            var said = await page.Locator("[data-testid=signin-error]").AllTextContentsAsync();
            throw new TimeoutException($"Still on {page.Url} after signing in as {user}: {string.Join(" ", said)}", e);
        }
    }
}
