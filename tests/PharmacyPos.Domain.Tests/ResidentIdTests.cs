using PharmacyPos.Domain.Registration;

namespace PharmacyPos.Domain.Tests;

public class ResidentIdTests
{
    [Theory]
    [InlineData("11010519491231002X")] // GB 11643's own example
    [InlineData("11010519491231002x")]
    [InlineData("330106198503150024")]
    public void Accepts_numbers_whose_check_character_is_right(string id) => Assert.True(ResidentId.TryParse(id, out _));

    [Theory]
    [InlineData("110105194912310021")] // wrong check character
    [InlineData("11010519491231002")]  // 17 characters
    [InlineData("1101051949123100XX")]
    [InlineData("")]
    public void Refuses_anything_else(string id) => Assert.False(ResidentId.TryParse(id, out _));

    [Fact]
    public void Masks_all_but_the_first_and_last_four()
    {
        ResidentId.TryParse("11010519491231002X", out var id);
        Assert.Equal("1101**********002X", id.Masked);
        Assert.Equal("1101**********002X", id.ToString());
    }
}
