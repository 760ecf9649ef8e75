using System.Reflection;

namespace CdsLearn.Geography;

/// <summary>The province's 75 communes and wards (after the July 2025 reorganisation), shipped inside the library.</summary>
public static class CommuneList
{
    private const string ResourceName = "CdsLearn.Geography.son-la-communes.csv";

    public static IReadOnlyList<Commune> SonLa()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"missing resource {ResourceName}");
        using var reader = new StreamReader(stream);
        var communes = new List<Commune>();
        reader.ReadLine(); // header: name,kind,former_district
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            var fields = line.Split(',');
            communes.Add(new Commune
            {
                Name = fields[0].Trim(),
                Kind = fields[1].Trim() == "phường" ? CommuneKind.Phuong : CommuneKind.Xa,
                FormerDistrict = fields.Length > 2 && fields[2].Trim().Length > 0 ? fields[2].Trim() : null,
            });
        }
        return communes;
    }
}
