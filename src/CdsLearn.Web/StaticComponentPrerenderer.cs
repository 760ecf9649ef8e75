using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using Microsoft.AspNetCore.Html;

namespace CdsLearn.Web;

/// <summary>
/// What <c>&lt;component type="…" render-mode="Static"&gt;</c> renders with: the site's components as plain HTML, on
/// Blazor's <see cref="HtmlRenderer"/>, one per request. The site has no interactive components, so this replaces
/// Blazor's endpoint renderer, which readies interactivity on every request that shows a component: it restores
/// persisted component state, and its renderer builds the request's cascading values (form data, query string,
/// persisted state, whose registrations it sorts by assembly name each time): about 3 % of the site's CPU in the
/// learner loop's profile (tools/BENCHMARKS.md). Components get the request's services as before (<c>@inject</c>), except Blazor's own
/// (navigation, JavaScript, form and state services), which none of them uses; an interactive render mode is refused.
/// </summary>
public sealed class StaticComponentPrerenderer(IServiceProvider requestServices, ILoggerFactory loggerFactory) : IComponentPrerenderer, IDisposable, IAsyncDisposable
{
    private HtmlRenderer? renderer;

    private HtmlRenderer Renderer => renderer ??= new HtmlRenderer(new StaticServices(requestServices), loggerFactory);

    public Dispatcher Dispatcher => Renderer.Dispatcher;

    public async ValueTask<IHtmlAsyncContent> PrerenderComponentAsync(HttpContext httpContext,
        [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)] Type componentType, IComponentRenderMode? renderMode, ParameterView parameters)
    {
        if (renderMode is not null)
        {
            throw new NotSupportedException($"Components render as static HTML only on this site, not {renderMode.GetType().Name}.");
        }
        var rendered = await Renderer.Dispatcher.InvokeAsync(() => Renderer.RenderComponentAsync(componentType, parameters));
        return new RenderedHtml(rendered, Renderer.Dispatcher);
    }

    /// <summary>No component state is persisted: nothing is interactive.</summary>
    public ValueTask<IHtmlContent> PrerenderPersistedStateAsync(HttpContext httpContext, PersistedStateSerializationMode serializationMode) =>
        ValueTask.FromResult<IHtmlContent>(HtmlString.Empty);

    public void Dispose() => renderer?.Dispose();

    public ValueTask DisposeAsync() => renderer?.DisposeAsync() ?? ValueTask.CompletedTask;

    /// <summary>The rendered component, written straight to the page's writer when the page is sent (as Blazor's own
    /// prerendering does), not first into a string: the quiz page's questions were a sixth of the learner loop's
    /// allocations as strings and string builders. The renderer's buffers are read on its dispatcher, which runs the
    /// write inline once rendering is done.</summary>
    private sealed class RenderedHtml(HtmlRootComponent rendered, Dispatcher dispatcher) : IHtmlAsyncContent
    {
        public void WriteTo(TextWriter writer, HtmlEncoder encoder) => Write(writer).GetAwaiter().GetResult();

        public ValueTask WriteToAsync(TextWriter writer) => new(Write(writer));

        private Task Write(TextWriter writer) => dispatcher.InvokeAsync(() => rendered.WriteHtmlTo(writer));
    }

    /// <summary>The request's services without Blazor's own (its namespace), which are there for interactivity: a
    /// renderer looks up the cascading value suppliers, the navigation manager (for interactive forms), a component
    /// activator and its metrics when it is made, and without them uses its defaults.</summary>
    private sealed class StaticServices(IServiceProvider services) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType.Namespace?.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) == true ? null : services.GetService(serviceType);
    }
}
