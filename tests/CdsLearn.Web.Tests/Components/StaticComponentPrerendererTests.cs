using CdsLearn.Content;
using CdsLearn.Learning;
using CdsLearn.Web.Components;
using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CdsLearn.Web.Tests.Components;

/// <summary><c>&lt;component render-mode="Static"&gt;</c> renders the site's components as plain HTML without Blazor's
/// per-request interactivity (issue 20): what they show is unchanged, an interactive mode is refused.</summary>
public class StaticComponentPrerendererTests(CdsLearnFactory factory) : IClassFixture<CdsLearnFactory>
{
    [Fact]
    public void ThePagesComponentsAreRenderedByTheStaticRenderer()
    {
        using var scope = factory.Services.CreateScope();

        Assert.IsType<StaticComponentPrerenderer>(scope.ServiceProvider.GetRequiredService<IComponentPrerenderer>());
    }

    [Fact]
    public async Task AComponentRendersWithItsParametersAndTheServicesItInjects()
    {
        using var scope = factory.Services.CreateScope();
        var course = factory.Services.GetRequiredService<CourseCatalog>().Current;
        var skill = course.FindSkill("dich-vu-cong")!;
        var step = new NextStep(NextStepKind.NextSkill, skill);

        var html = await RenderAsync(scope, typeof(NextStepLink), new() { ["Course"] = course, ["Step"] = step });

        // CourseLinks (injected) made the link; the Vietnamese text is written as it is, not as entities.
        Assert.Contains($"<a class=\"button primary\" href=\"/ky-nang/{skill.Id}\">Học kỹ năng tiếp theo: {skill.ShortTitle}</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoComponentsInOneRequestRenderEachWithItsOwnParameters()
    {
        using var scope = factory.Services.CreateScope();

        var first = await RenderAsync(scope, typeof(ProgressBar), new() { ["Percent"] = 140, ["Label"] = "Đã học" });
        var second = await RenderAsync(scope, typeof(ProgressBar), new() { ["Percent"] = 40 });

        Assert.Contains("<span class=\"progress-text\">Đã học: 100 %</span>", first, StringComparison.Ordinal);
        Assert.Contains("<span class=\"progress-text\">Tiến độ: 40 %</span>", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ComponentsAreWrittenWhenThePageIsSentEachAsItWasRendered()
    {
        using var scope = factory.Services.CreateScope();
        var prerenderer = scope.ServiceProvider.GetRequiredService<IComponentPrerenderer>();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };

        // A page renders its components first and writes them when it is sent, asynchronously or not.
        var first = await prerenderer.PrerenderComponentAsync(context, typeof(ProgressBar), null!,
            ParameterView.FromDictionary(new Dictionary<string, object?> { ["Percent"] = 25, ["Label"] = "Đã học" }));
        var second = await prerenderer.PrerenderComponentAsync(context, typeof(ProgressBar), null!,
            ParameterView.FromDictionary(new Dictionary<string, object?> { ["Percent"] = 75 }));
        using var page = new StringWriter();
        await first.WriteToAsync(page);
        second.WriteTo(page, System.Text.Encodings.Web.HtmlEncoder.Default);

        var html = page.ToString();
        var firstAt = html.IndexOf("<span class=\"progress-text\">Đã học: 25 %</span>", StringComparison.Ordinal);
        var secondAt = html.IndexOf("<span class=\"progress-text\">Tiến độ: 75 %</span>", StringComparison.Ordinal);
        Assert.True(firstAt >= 0 && secondAt > firstAt, html);
    }

    [Fact]
    public async Task AnInteractiveRenderModeIsRefused()
    {
        using var scope = factory.Services.CreateScope();
        var prerenderer = scope.ServiceProvider.GetRequiredService<IComponentPrerenderer>();

        await Assert.ThrowsAsync<NotSupportedException>(async () => await prerenderer.PrerenderComponentAsync(
            new DefaultHttpContext { RequestServices = scope.ServiceProvider }, typeof(ProgressBar), RenderMode.InteractiveServer,
            ParameterView.FromDictionary(new Dictionary<string, object?> { ["Percent"] = 1 })));
    }

    [Fact]
    public async Task BlazorsInteractivityServicesAreNotHandedToComponents()
    {
        using var scope = factory.Services.CreateScope();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RenderAsync(scope, typeof(Navigating), []));

        Assert.Contains(nameof(NavigationManager), error.Message, StringComparison.Ordinal);
    }

    private static async Task<string> RenderAsync(IServiceScope scope, Type component, Dictionary<string, object?> parameters)
    {
        var prerenderer = scope.ServiceProvider.GetRequiredService<IComponentPrerenderer>();
        var content = await prerenderer.PrerenderComponentAsync(
            new DefaultHttpContext { RequestServices = scope.ServiceProvider }, component, null!, ParameterView.FromDictionary(parameters));
        using var writer = new StringWriter();
        await content.WriteToAsync(writer);
        return writer.ToString();
    }

    /// <summary>A component that would need an interactive service.</summary>
    private sealed class Navigating : ComponentBase
    {
        [Inject] public NavigationManager Navigation { get; set; } = null!;
    }
}
