using CdsLearn.Certificates;

namespace CdsLearn.Tests.Certificates;

public class CertificateCodeTests
{
    private const string CodeFormat = "^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$";

    [Fact]
    public void NewCodesAreFourAndFourCharactersOfTheUnambiguousAlphabet()
    {
        var codes = Enumerable.Range(0, 500).Select(_ => CertificateCode.New()).ToList();

        Assert.All(codes, code => Assert.Matches(CodeFormat, code));
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void NewCodesUseTheWholeAlphabet()
    {
        var used = Enumerable.Range(0, 2000).SelectMany(_ => CertificateCode.New().Replace("-", "", StringComparison.Ordinal)).ToHashSet();

        Assert.Equal("23456789ABCDEFGHJKMNPQRSTUVWXYZ", string.Concat(used.Order()));
    }

    [Fact]
    public void ANewCodeIsAlreadyNormal()
    {
        var code = CertificateCode.New();

        Assert.Equal(code, CertificateCode.Normalize(code));
    }

    [Theory]
    [InlineData("7KQ2-M9XD")]
    [InlineData("7kq2-m9xd")]
    [InlineData("7Kq2-m9Xd")]
    [InlineData("7KQ2M9XD")]
    [InlineData("7kq2m9xd")]
    [InlineData("7KQ2 M9XD")]
    [InlineData("  7KQ2 - M9XD  ")]
    [InlineData("7K Q2 M9 XD")]
    [InlineData("7KQ2--M9XD")]
    public void NormalizesWhatPeopleType(string typed)
    {
        Assert.Equal("7KQ2-M9XD", CertificateCode.Normalize(typed));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("7KQ2-M9X")]
    [InlineData("7KQ2-M9XDA")]
    [InlineData("7KQ")]
    [InlineData("0KQ2-M9XD")]
    [InlineData("OKQ2-M9XD")]
    [InlineData("1KQ2-M9XD")]
    [InlineData("IKQ2-M9XD")]
    [InlineData("LKQ2-M9XD")]
    [InlineData("lkq2-m9xd")]
    [InlineData("ikq2-m9xd")]
    [InlineData("okq2-m9xd")]
    [InlineData("7KQ2_M9XD")]
    [InlineData("7KQ2.M9XD")]
    [InlineData("7KQ2-M9XĐ")]
    public void RejectsWhatCannotBeACode(string? typed)
    {
        Assert.Null(CertificateCode.Normalize(typed));
    }
}
