using CdsLearn.Certificates;
using CdsLearn.Contests;
using CdsLearn.Rules;

namespace CdsLearn.Tests.Rules;

public class ShortCodeTests
{
    [Fact]
    public void TheAlphabetHasNoLookAlikes()
    {
        Assert.Equal(31, ShortCode.Alphabet.Distinct().Count());
        Assert.DoesNotContain(ShortCode.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');
    }

    [Fact]
    public void NewCodesUseOnlyTheAlphabetAndDiffer()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => ShortCode.New(8)).ToList();

        Assert.All(codes, code => Assert.Equal(code, ShortCode.Normalize(code, 8)));
        Assert.True(codes.Distinct().Count() > 195);
    }

    [Theory]
    [InlineData("ab2c-d3ef", 8, "AB2CD3EF")]
    [InlineData(" AB2C D3EF ", 8, "AB2CD3EF")]
    [InlineData("AB2CD3E0", 8, null)]
    [InlineData("AB2CD3E", 8, null)]
    [InlineData("AB2CD3EFG", 8, null)]
    [InlineData("AB2C.D3EF", 8, null)]
    [InlineData("", 6, null)]
    [InlineData(null, 6, null)]
    public void WhatSomeoneTypedIsReadBackOrRefused(string? typed, int length, string? expected)
    {
        Assert.Equal(expected, ShortCode.Normalize(typed, length));
    }

    [Fact]
    public void EveryKindOfCodeIsAShortCode()
    {
        Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", CertificateCode.New());
        Assert.Equal("7KQ2-M9XD", CertificateCode.Normalize("7kq2 m9xd"));
        Assert.Equal(ContestRules.CodeLength, ShortCode.Normalize(ContestRules.NewCode(), ContestRules.CodeLength)!.Length);
        Assert.NotNull(ShortCode.Normalize(ContestRules.NewScreenKey(), ContestRules.ScreenKeyLength));
    }
}
