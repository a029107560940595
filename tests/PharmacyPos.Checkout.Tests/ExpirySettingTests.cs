using Microsoft.EntityFrameworkCore;
using PharmacyPos.Domain.Stores;

namespace PharmacyPos.Checkout.Tests;

/// <summary>近效期 days: the store's own number, 90 until set, only a manager sets it, and the audit log shows before → after.</summary>
public sealed class ExpirySettingTests(MobileHarness h) : IClassFixture<MobileHarness>
{
    [Fact]
    public async Task The_near_expiry_window_is_90_days_until_a_manager_sets_it_within_a_year()
    {
        await using (var db = h.ContextFor(MobileHarness.Manager))
            Assert.Equal(StoreSettings.DefaultNearExpiryDays, (await h.Settings(db).CurrentAsync()).NearExpiryDays);

        await using (var db = h.ContextFor(MobileHarness.Cashier))
            Assert.Equal("FORBIDDEN", (await h.Settings(db).WatchExpiryAsync(30))?.Code);
        await using (var db = h.ContextFor(MobileHarness.Manager))
        {
            Assert.Equal("NEAR_EXPIRY_DAYS_INVALID", (await h.Settings(db).WatchExpiryAsync(0))?.Code);
            Assert.Equal("NEAR_EXPIRY_DAYS_INVALID", (await h.Settings(db).WatchExpiryAsync(366))?.Code);
        }
        await using (var db = h.ContextFor(MobileHarness.Manager))
            Assert.Null(await h.Settings(db).WatchExpiryAsync(30));

        await using var read = h.Database.NewContext();
        Assert.Equal(30, (await read.StoreSettings.SingleAsync()).NearExpiryDays);
        Assert.Contains(await read.Audit.Select(a => a.Detail).ToListAsync(), d => d == "近效期 90 天 → 近效期 30 天");
    }
}
