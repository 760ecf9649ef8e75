using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CdsLearn.Content;

public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The course folder; empty means the nearest 'content' folder above the app, or the one beside it.</summary>
    public string Folder { get; set; } = "";

    /// <summary>Reload the course when its files change (Development).</summary>
    public bool Watch { get; set; }
}

/// <summary>Holds the loaded course. Loaded once at start-up; a broken reload keeps the last good course.</summary>
public sealed class CourseCatalog : IDisposable
{
    private readonly CourseLoader loader;
    private readonly ILogger<CourseCatalog> logger;
    private readonly FileSystemWatcher? watcher;
    private readonly Timer? debounce;

    public CourseCatalog(IOptions<ContentOptions> options, CourseLoader loader, ILogger<CourseCatalog> logger)
    {
        this.loader = loader;
        this.logger = logger;
        Folder = options.Value.Folder;
        var result = loader.Load(Folder);
        if (result.HasErrors)
        {
            throw new InvalidOperationException(
                $"The course in {Folder} has errors:\n" + string.Join('\n', result.Problems.Where(p => p.IsError)));
        }
        Current = result.Course;
        if (options.Value.Watch)
        {
            debounce = new Timer(_ => Reload());
            watcher = new FileSystemWatcher(Folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            watcher.Changed += (_, _) => debounce.Change(300, Timeout.Infinite);
            watcher.Created += (_, _) => debounce.Change(300, Timeout.Infinite);
            watcher.Deleted += (_, _) => debounce.Change(300, Timeout.Infinite);
            watcher.Renamed += (_, _) => debounce.Change(300, Timeout.Infinite);
        }
    }

    public string Folder { get; }

    public Course Current { get; private set; }

    private void Reload()
    {
        var result = loader.Load(Folder);
        if (result.HasErrors)
        {
            logger.LogError("Course not reloaded, it has errors:\n{Problems}", string.Join('\n', result.Problems.Where(p => p.IsError)));
            return;
        }
        Current = result.Course;
        logger.LogInformation("Course reloaded: {Lessons} lessons", Current.LessonCount);
    }

    public void Dispose()
    {
        watcher?.Dispose();
        debounce?.Dispose();
    }
}
