using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CdsLearn.Web;

/// <summary>
/// Razor Pages renders a page without running any handler when a request names a handler the page lacks
/// (<c>?handler=Nope</c>) or posts to a page that has no POST handler; the page then renders with nothing loaded and
/// fails with a 500. This answers such requests with 404 (an unknown handler) or 405 (a method the page does not
/// take) instead, which the status code page explains in Vietnamese.
/// </summary>
public sealed class KnownHandlerFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is not null)
        {
            return;
        }
        var request = context.HttpContext.Request;
        var named = context.RouteData.Values.ContainsKey("handler") || request.Query.ContainsKey("handler");
        if (named)
        {
            context.Result = new NotFoundResult();
        }
        else if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            context.HttpContext.Response.Headers.Allow = "GET, HEAD";
            context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
        }
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
