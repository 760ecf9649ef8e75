using CdsLearn.Rules;
namespace CdsLearn.Certificates;

public class Certificate
{
    /// <summary>The skill id of the "Công dân số" certificate, held with all required skills.</summary>
    public const string DigitalCitizen = "cong-dan-so";

    public int Id { get; set; }

    /// <summary>The short public code printed on the certificate, e.g. "7KQ2-M9XD".</summary>
    public required string Code { get; set; }

    public required string UserId { get; set; }
    public required string HolderName { get; set; }
    public required string SkillId { get; set; }
    public DateTime IssuedAt { get; set; }
    public required string Province { get; set; }
    public DateTime? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }
    public string? RevokedByUserId { get; set; }

    /// <summary>What the certificate rests on (<see cref="Evidence"/> flags), as the rule was when it was issued; null
    /// on certificates issued before there was a choice: they rest on quizzes only.</summary>
    public int? RestsOn { get; set; }

    /// <summary>With observed tasks: the team that saw the last of them, and when (printed and signed).</summary>
    public string? ObservedBy { get; set; }

    public DateOnly? ObservedOn { get; set; }

    public bool IsRevoked => RevokedAt is not null;

    public CertificateBasis Basis => new(RestsOn is { } flags ? (Evidence)flags : Evidence.Quizzes, ObservedBy, ObservedOn, IsFromBeforeTheRule: RestsOn is null);

    /// <summary>The issue date as printed and signed: the date in Vietnam (UTC+7 all year, no daylight saving),
    /// so a certificate earned at 6 in the morning does not carry yesterday's date.</summary>
    public DateOnly IssuedOn => VietnamTime.DateOf(IssuedAt);

    public DateOnly? RevokedOn => RevokedAt is { } at ? VietnamTime.DateOf(at) : null;
}

/// <summary>What a certificate rests on, as printed, shown at /verify and signed into its QR link.</summary>
public sealed record CertificateBasis(Evidence RestsOn, string? ObservedBy, DateOnly? ObservedOn, bool IsFromBeforeTheRule = false)
{
    /// <summary>The text the signature covers; null for certificates from before the rule (their links sign without it).</summary>
    public string? Canonical => IsFromBeforeTheRule
        ? null
        : string.Join('|', ((int)RestsOn).ToString(System.Globalization.CultureInfo.InvariantCulture), ObservedBy ?? "",
            ObservedOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "");

    /// <summary>One line per kind of evidence, in Vietnamese.</summary>
    public IReadOnlyList<string> Lines(bool digitalCitizen = false)
    {
        var lines = new List<string>();
        if (digitalCitizen)
        {
            lines.Add("Có chứng chỉ của mọi kỹ năng cần thiết");
        }
        if (IsFromBeforeTheRule)
        {
            lines.Add("Chỉ dựa trên bài kiểm tra (cấp trước khi có bài làm thử và Tổ xác nhận)");
            return lines;
        }
        if (RestsOn.HasFlag(Evidence.Quizzes))
        {
            lines.Add("Đạt bài kiểm tra của mọi học phần");
        }
        if (RestsOn.HasFlag(Evidence.Practice))
        {
            lines.Add("Làm đúng các bài làm thử chấm điểm trên màn hình mô phỏng");
        }
        if (RestsOn.HasFlag(Evidence.Observed))
        {
            lines.Add(digitalCitizen || ObservedOn is not { } on
                ? "Đã tự làm trên máy của mình, có Tổ công nghệ số cộng đồng xác nhận"
                : $"Đã tự làm trên máy: {ObservedBy ?? "Tổ công nghệ số cộng đồng"} xác nhận ngày {on.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}");
        }
        return lines;
    }
}
