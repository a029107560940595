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

    [Theory]
    [InlineData("", "请填写购药人的身份证号码。")]
    [InlineData("11010519491231002", "身份证号码应为 18 位，现在是 17 位。")]
    [InlineData("1101051949123100A2", "身份证号码前 17 位应为数字，最后一位为数字或 X。")]
    [InlineData("110105194912310021", "身份证号码校验位不对：请逐位核对号码（常见为某一位输错或相邻两位颠倒）。")]
    [InlineData("11010519491231002x", null)]
    public void A_typed_number_is_told_exactly_what_is_wrong_with_it(string typed, string? problem) =>
        Assert.Equal(problem, ResidentId.Problem(typed));
}
