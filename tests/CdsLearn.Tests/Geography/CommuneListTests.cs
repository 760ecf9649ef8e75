using CdsLearn.Geography;

namespace CdsLearn.Tests.Geography;

public class CommuneListTests
{
    private readonly IReadOnlyList<Commune> communes = CommuneList.SonLa();

    [Fact]
    public void SonLaHasSeventyFiveCommunesAndWards()
    {
        Assert.Equal(75, communes.Count);
    }

    [Fact]
    public void SonLaHasEightWardsAndTheRestAreCommunes()
    {
        Assert.Equal(8, communes.Count(c => c.Kind == CommuneKind.Phuong));
        Assert.Equal(67, communes.Count(c => c.Kind == CommuneKind.Xa));
    }

    [Fact]
    public void NamesAreUniqueAndClean()
    {
        Assert.All(communes, c =>
        {
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
            Assert.Equal(c.Name.Trim(), c.Name);
        });
        var duplicates = communes.GroupBy(c => c.Name.Normalize(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key);
        Assert.Empty(duplicates);
    }

    [Fact]
    public void ReadsKindAndFormerDistrictFromTheList()
    {
        var toHieu = Assert.Single(communes, c => c.Name == "Tô Hiệu");

        Assert.Equal(CommuneKind.Phuong, toHieu.Kind);
        Assert.Equal("Phường Tô Hiệu", toHieu.DisplayName);
        Assert.Equal("Thành phố Sơn La (cũ)", toHieu.FormerDistrict);
        Assert.All(communes.Where(c => c.Kind == CommuneKind.Xa), c => Assert.StartsWith("Xã ", c.DisplayName, StringComparison.Ordinal));
    }
}
