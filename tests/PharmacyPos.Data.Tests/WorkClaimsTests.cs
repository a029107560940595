using PharmacyPos.Data.Claims;
using PharmacyPos.TestSupport;

namespace PharmacyPos.Data.Tests;

public class WorkClaimsTests
{
    [Fact]
    public async Task A_claim_turns_away_a_second_worker_on_the_same_database_and_no_one_on_another()
    {
        await using var one = await TestDatabase.CreateAsync();
        await using var other = await TestDatabase.CreateAsync();

        await using (var held = await WorkClaims.For(one.Options).TryClaimAsync(WorkKind.OrderRecovery, 7))
        {
            Assert.NotNull(held);
            Assert.Null(await WorkClaims.For(one.Options).TryClaimAsync(WorkKind.OrderRecovery, 7));
            // Order 7 of another database is another order (SQLite: another file in this process; PostgreSQL: another database).
            await using var elsewhere = await WorkClaims.For(other.Options).TryClaimAsync(WorkKind.OrderRecovery, 7);
            Assert.NotNull(elsewhere);
            await using var otherKind = await WorkClaims.For(one.Options).TryClaimAsync(WorkKind.RefundRecovery, 7);
            Assert.NotNull(otherKind);
        }
        await using var again = await WorkClaims.For(one.Options).TryClaimAsync(WorkKind.OrderRecovery, 7);
        Assert.NotNull(again);
    }
}
