using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages;

[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Đã có lỗi xảy ra";

    public string Message { get; private set; } = "Xin lỗi, hệ thống đang gặp sự cố. Bạn hãy thử lại sau ít phút.";

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        if (status == 404)
        {
            Heading = "Không tìm thấy trang";
            Message = "Trang bạn tìm không có hoặc đã được chuyển đi.";
        }
        else if (status is >= 400 and < 500)
        {
            Heading = "Yêu cầu không hợp lệ";
            Message = "Bạn hãy quay lại trang trước và thử lại.";
        }
    }
}
