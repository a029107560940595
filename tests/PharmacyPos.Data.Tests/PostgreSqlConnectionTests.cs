using Npgsql;

namespace PharmacyPos.Data.Tests;

/// <summary>A chain's connection string: automatic preparation on by default, and a chain's own choice kept.</summary>
public sealed class PostgreSqlConnectionTests
{
    private static NpgsqlConnectionStringBuilder For(string connectionString) =>
        new(DatabaseSetup.PostgreSqlConnectionString(new DatabaseOptions { PostgreSql = connectionString }));

    [Fact]
    public void A_chain_that_says_nothing_gets_its_statements_prepared_after_two_uses()
    {
        var built = For("Host=db;Database=pos;Username=pos;Password=secret");
        Assert.Equal(64, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal("db", built.Host);
        Assert.Equal("secret", built.Password);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=0", 0)]
    [InlineData("Host=db;max auto prepare=10", 10)]
    public void A_chain_behind_a_pooler_keeps_its_own_setting(string connectionString, int expected) =>
        Assert.Equal(expected, For(connectionString).MaxAutoPrepare);
}
