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
    private readonly CourseLoader _loader;
    private readonly ILogger<CourseCatalog> _logger;
    private readonly FileSystemWatcher? _watcher;
    private readonly Timer? _debounce;

    public CourseCatalog(IOptions<ContentOptions> options, CourseLoader loader, ILogger<CourseCatalog> logger)
    {
        _loader = loader;
        _logger = logger;
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
            _debounce = new Timer(_ => Reload());
            _watcher = new FileSystemWatcher(Folder) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            _watcher.Changed += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Created += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Deleted += (_, _) => _debounce.Change(300, Timeout.Infinite);
            _watcher.Renamed += (_, _) => _debounce.Change(300, Timeout.Infinite);
        }
    }

    public string Folder { get; }

    public Course Current { get; private set; }

    private void Reload()
    {
        var result = _loader.Load(Folder);
        if (result.HasErrors)
        {
            _logger.LogError("Course not reloaded, it has errors:\n{Problems}", string.Join('\n', result.Problems.Where(p => p.IsError)));
            return;
        }
        Current = result.Course;
        _logger.LogInformation("Course reloaded: {Lessons} lessons", Current.LessonCount);
    }

    public void Dispose()
    {
        _watcher?.Dispose();
        _debounce?.Dispose();
    }
}
