using CdsLearn.Contests;

namespace CdsLearn.Tests.Contests;

public class ContestRulesTests
{
    [Theory]
    [InlineData(0, 1000)]
    [InlineData(5, 875)]
    [InlineData(10, 750)]
    [InlineData(20, 500)]
    [InlineData(25, 500)]
    [InlineData(-1, 1000)]
    public void FasterRightAnswersScoreMore(int seconds, int points) =>
        Assert.Equal(points, ContestRules.Points(TimeSpan.FromSeconds(seconds), TimeSpan.FromSeconds(20)));

    [Theory]
    [InlineData("  Lò   Thị\tHoa ", "Lò Thị Hoa")]
    [InlineData("A\u200bn\u0000", "An")]
    [InlineData("   ", null)]
    [InlineData("\u200b\u200b", null)]
    [InlineData(null, null)]
    public void DisplayNamesAreCleaned(string? raw, string? clean) => Assert.Equal(clean, ContestRules.CleanDisplayName(raw));

    [Fact]
    public void DisplayNamesStopAtFortyWholeLetters()
    {
        // "ệ" written as e + two combining marks must not be cut in half.
        var decomposed = new string('a', 39) + "e\u0323\u0302" + "xyz";
        var name = ContestRules.CleanDisplayName(decomposed)!;
        Assert.Equal(new string('a', 39) + "ệ", name);
        Assert.Equal(40, ContestRules.CleanDisplayName(new string('b', 100))!.Length);
    }

    [Theory]
    [InlineData("abc 234", "ABC234")]
    [InlineData("ab-c2-34", "ABC234")]
    [InlineData("ABC23", null)]
    [InlineData("ABC2O4", null)]
    [InlineData("", null)]
    public void CodesAreReadAsTyped(string raw, string? code) => Assert.Equal(code, ContestRules.NormalizeCode(raw));

    [Fact]
    public void NewCodesUseOnlyUnmistakableCharacters()
    {
        for (var i = 0; i < 100; i++)
        {
            var code = ContestRules.NewCode();
            Assert.Equal(code, ContestRules.NormalizeCode(code));
        }
    }
}
