using CdsLearn.Certificates;
using CdsLearn.Content;
using CdsLearn.Figures;

namespace CdsLearn.Web.Pages.Dashboard;

/// <summary>One line of a place's figures: at the end of the previous quarter, now (end of the chosen quarter), and
/// what happened within the chosen quarter.</summary>
public sealed record FigureLine(string Label, string Before, string Now, string? Within = null, bool Strong = false);

public static class FigureLines
{
    /// <summary>People a team member saw do a skill's real tasks on their own phone, undisputed.</summary>
    public const string ObservedLabel = "Người được Tổ xác nhận";

    /// <summary>Lessons and practice tasks with at least one approved reading by the place's teams (issue 19).</summary>
    public const string VoicedLabel = "Bài có giọng đọc của Tổ (đã duyệt)";

    /// <param name="voiced">Lessons and tasks the place's teams read aloud, approved (as today), where the user sees the teams.</param>
    public static IReadOnlyList<FigureLine> For(PlaceFigures place, Quarter quarter, Course course, TeamCount? teams, int? overdue, int? voiced = null)
    {
        var previous = quarter.Previous;
        var s = place.Series;
        FigureLine Stock(string label, string metric, bool strong = false) =>
            new(label, Numbers.Count(s.AsOf(metric, previous)), Numbers.Count(s.AsOf(metric, quarter)), "+" + Numbers.Count(s.In(metric, quarter)), strong);

        var lines = new List<FigureLine>
        {
            Stock("Hộ đã đăng ký", Metric.Households),
        };
        if (place.OfficialHouseholds is { } official)
        {
            lines.Add(new("Tổng số hộ (số liệu chính thức)", Numbers.Count(official), Numbers.Count(official)));
        }
        lines.Add(Stock("Hộ có người có kỹ năng số", Metric.Covered, strong: true));
        lines.Add(new("Tỉ lệ phủ trên hộ đã đăng ký", Numbers.Percent(place.CoverageOfRegistered(previous)), Numbers.Percent(place.CoverageOfRegistered(quarter))));
        if (place.OfficialHouseholds is not null)
        {
            lines.Add(new("Tỉ lệ phủ trên tổng số hộ", Numbers.Percent(place.CoverageOfOfficial(previous)!.Value), Numbers.Percent(place.CoverageOfOfficial(quarter)!.Value), Strong: true));
        }
        lines.Add(Stock("Gia đình số", Metric.DigitalFamilies));
        lines.Add(Stock("Người trong hộ có tài khoản học", Metric.Learners));
        lines.Add(Stock("Người được tổ kèm học", Metric.Helped));
        lines.Add(Stock(ObservedLabel, Metric.Observed));
        foreach (var skill in course.Skills)
        {
            lines.Add(Stock("Chứng chỉ: " + skill.ShortTitle, Metric.Certificates(skill.Id)));
            lines.Add(Stock(ObservedLabel + ": " + skill.ShortTitle, Metric.ObservedInSkill(skill.Id)));
        }
        lines.Add(Stock("Chứng chỉ Công dân số", Metric.Certificates(Certificate.DigitalCitizen)));
        lines.Add(Stock("Bài được giao đã hoàn thành", Metric.AssignedDone));
        if (overdue is { } late)
        {
            lines.Add(new("Bài được giao quá hạn (hôm nay)", "", Numbers.Count(late)));
        }
        if (teams is { } t)
        {
            lines.Add(new("Tổ công nghệ số cộng đồng", "", Numbers.Count(t.Teams)));
            lines.Add(new("Thành viên tổ", "", Numbers.Count(t.Workers)));
            lines.Add(new("Thành viên hoạt động 30 ngày qua", "", Numbers.Count(t.ActiveWorkers)));
        }
        if (voiced is { } v)
        {
            lines.Add(new(VoicedLabel, "", Numbers.Count(v)));
        }
        return lines;
    }

    /// <summary>The quarters a trend covers: up to the last eight before and including <paramref name="last"/>.</summary>
    public static IReadOnlyList<Quarter> TrendQuarters(FigureSeries series, Quarter last)
    {
        var first = series.First is { } f && f.Key > last.Key - 20 ? f : last;
        var quarters = Quarter.Range(first, last).ToList();
        return quarters.Count > 8 ? quarters[^8..] : quarters;
    }
}
