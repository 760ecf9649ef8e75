namespace CdsLearn.Geography;

public enum CommuneKind
{
    Xa,
    Phuong,
}

/// <summary>A commune-level unit (xã or phường); since 1 July 2025 provinces have no districts.</summary>
public class Commune
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public CommuneKind Kind { get; set; }

    /// <summary>The official number of households, so coverage can be shown against all of them.</summary>
    public int? OfficialHouseholds { get; set; }

    /// <summary>Display hint only: the district the commune belonged to before July 2025.</summary>
    public string? FormerDistrict { get; set; }

    /// <summary>"Kênh của xã": the commune's Zalo (official account or group), an https link; null when not given.</summary>
    public string? ZaloUrl { get; set; }

    /// <summary>"Kênh của xã": where people send feedback, as an https link and/or a short text; when both are null the
    /// province's default is shown (<see cref="Channels.ProvinceChannel"/>).</summary>
    public string? FeedbackUrl { get; set; }

    public string? FeedbackText { get; set; }

    public List<Village> Villages { get; set; } = [];

    public string DisplayName => DisplayNameOf(Kind, Name);

    /// <summary>"Xã Chiềng Mai", "Phường Tô Hiệu": for queries that read the two columns, not the entity.</summary>
    public static string DisplayNameOf(CommuneKind kind, string name) => (kind == CommuneKind.Xa ? "Xã " : "Phường ") + name;
}

/// <summary>A village-level unit: bản, tiểu khu, tổ dân phố, thôn…</summary>
public class Village
{
    public int Id { get; set; }
    public int CommuneId { get; set; }
    public Commune? Commune { get; set; }
    public required string Name { get; set; }
    public string Kind { get; set; } = "bản";
}

/// <summary>A commune officer's scope: the communes they oversee.</summary>
public class CommuneOfficer
{
    public int CommuneId { get; set; }
    public required string UserId { get; set; }
}
