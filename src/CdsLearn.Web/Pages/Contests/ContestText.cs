using CdsLearn.Contests;

namespace CdsLearn.Web.Pages.Contests;

/// <summary>The Vietnamese words for a contest's mode and phase.</summary>
public static class ContestText
{
    public static string Mode(ContestMode mode) => mode switch
    {
        ContestMode.Elimination => "Loại trực tiếp (Rung chuông vàng)",
        _ => "Tính điểm",
    };

    public static string Phase(ContestPhase phase) => phase switch
    {
        ContestPhase.Lobby => "Đang chờ người chơi",
        ContestPhase.Question => "Đang hỏi",
        ContestPhase.Revealed => "Đang công bố đáp án",
        _ => "Đã kết thúc",
    };

    public const string PointsRule = "Trả lời đúng được từ 1000 điểm (trả lời ngay) giảm dần đến 500 điểm (trả lời lúc hết giờ): điểm = 1000 × (1 − 0,5 × thời gian đã dùng / thời gian cho phép). Sai hoặc không trả lời: 0 điểm.";

    public const string EliminationRule = "Trả lời sai hoặc không trả lời kịp thì bị loại. Người dẫn có thể mở một vòng cứu trợ: tất cả người bị loại được chơi tiếp.";

    public static string Rule(ContestMode mode) => mode == ContestMode.Points ? PointsRule : EliminationRule;

    /// <summary>A time as the commune reads it (Vietnam time).</summary>
    public static string When(DateTime utc) => (utc + CdsLearn.Rules.VietnamTime.Offset).ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    public static string Letter(int option) => ((char)('A' + option)).ToString();
}
