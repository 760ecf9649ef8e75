using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CdsLearn.Web.Pages.Learning;

public class EndAssistModel(AssistedSession session) : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        session.End();
        return Redirect("/ho-gia-dinh");
    }
}
