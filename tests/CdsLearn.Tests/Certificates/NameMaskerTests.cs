using CdsLearn.Certificates;

namespace CdsLearn.Tests.Certificates;

public class NameMaskerTests
{
    [Theory]
    [InlineData("Nguyễn Văn An", "Nguyễn V. A.")]
    [InlineData("Lường Thị Mai", "Lường T. M.")]
    [InlineData("Lò Văn Sa", "Lò V. S.")]
    [InlineData("Cầm Bá Thước", "Cầm B. T.")]
    [InlineData("Đặng Ánh", "Đặng Á.")]
    [InlineData("Tòng Thị Ưng Ý", "Tòng T. Ư. Ý.")]
    public void KeepsTheFamilyNameAndInitials(string fullName, string masked)
    {
        Assert.Equal(masked, NameMasker.Mask(fullName));
    }

    [Theory]
    [InlineData("Nguyễn văn an", "Nguyễn V. A.")]
    [InlineData("Hà ánh", "Hà Á.")]
    public void CapitalisesTheInitials(string fullName, string masked)
    {
        Assert.Equal(masked, NameMasker.Mask(fullName));
    }

    [Theory]
    [InlineData("An", "A.")]
    [InlineData("an", "A.")]
    [InlineData("  Ánh ", "Á.")]
    public void MasksASingleWordNameToItsInitial(string fullName, string masked)
    {
        Assert.Equal(masked, NameMasker.Mask(fullName));
    }

    [Theory]
    [InlineData("  Nguyễn   Văn  An  ")]
    [InlineData("Nguyễn Văn An ")]
    [InlineData(" Nguyễn Văn An")]
    [InlineData("Nguyễn\tVăn An")]
    [InlineData("Nguyễn\u00A0Văn\u00A0An")]
    [InlineData("Nguyễn Văn\r\nAn")]
    public void IgnoresExtraWhitespace(string fullName)
    {
        Assert.Equal("Nguyễn V. A.", NameMasker.Mask(fullName));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void MasksNoNameToNothing(string fullName)
    {
        Assert.Equal("", NameMasker.Mask(fullName));
    }
}
