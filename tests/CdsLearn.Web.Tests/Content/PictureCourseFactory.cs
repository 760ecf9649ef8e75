using CdsLearn.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace CdsLearn.Web.Tests.Content;

/// <summary>The site serving the small course of tests/CdsLearn.Web.Tests/Content/PictureCourse: a lesson with a
/// picture and a glossary term, whatever the repository's course holds at the moment.</summary>
public class PictureCourseFactory : CdsLearnFactory
{
    public static string Folder { get; } = Find();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Content:Folder", Folder);
    }

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "CdsLearn.Web.Tests", "Content", "PictureCourse");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new InvalidOperationException($"no tests/CdsLearn.Web.Tests/Content/PictureCourse above {AppContext.BaseDirectory}");
    }
}
