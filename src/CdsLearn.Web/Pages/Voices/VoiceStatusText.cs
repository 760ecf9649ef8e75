using CdsLearn.Voices;

namespace CdsLearn.Web.Pages.Voices;

public static class VoiceStatusText
{
    public static string Of(VoiceStatus status) => status switch
    {
        VoiceStatus.Waiting => "Chờ duyệt",
        VoiceStatus.Approved => "Đã duyệt",
        VoiceStatus.Rejected => "Bị từ chối",
        _ => "Cần đọc lại",
    };
}
