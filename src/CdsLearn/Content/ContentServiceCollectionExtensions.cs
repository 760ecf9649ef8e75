using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CdsLearn.Content;

public static class ContentServiceCollectionExtensions
{
    public static IServiceCollection AddContent(this IServiceCollection services)
    {
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<CourseLoader>();
        services.AddOptions<ContentOptions>().BindConfiguration(ContentOptions.Section)
            .PostConfigure<IHostEnvironment>((options, env) => options.Folder = ResolveFolder(options.Folder, env.ContentRootPath));
        services.AddSingleton<CourseCatalog>();
        return services;
    }

    /// <summary>A configured folder (relative to the app), else the nearest 'content' folder holding the course
    /// format's README above the app (a clone of the repository), else the copy beside the binaries.</summary>
    public static string ResolveFolder(string configured, string appRoot)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(Path.Combine(appRoot, configured));
        }
        for (var dir = new DirectoryInfo(appRoot); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "content");
            if (File.Exists(Path.Combine(candidate, "README.md")))
            {
                return candidate;
            }
        }
        return Path.Combine(AppContext.BaseDirectory, "content");
    }
}
