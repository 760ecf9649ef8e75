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
        // A request body over its limit arrives here as an exception (413 from Kestrel, or the form reader's
        // multipart length check) rather than as a status code.
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (error is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: 413 } || error is InvalidDataException || error?.InnerException is InvalidDataException)
        {
            status = 413;
        }
        status ??= Response.StatusCode;
        if (status == 404)
        {
            Heading = "Không tìm thấy trang";
            Message = "Trang bạn tìm không có hoặc đã được chuyển đi.";
        }
        else if (status == 413)
        {
            Heading = "Tệp quá lớn";
            Message = "Tệp gửi lên lớn quá mức cho phép (danh sách hộ: 5 MB). Hãy chia thành nhiều tệp nhỏ hơn.";
        }
        else if (status is >= 400 and < 500)
        {
            Heading = "Yêu cầu không hợp lệ";
            Message = "Bạn hãy quay lại trang trước và thử lại.";
        }
    }
}
