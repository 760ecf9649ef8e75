using System.Text.RegularExpressions;

namespace CdsLearn.Content;

/// <summary>
/// Loads the course from its folder (format in content/README.md) and reports every problem with file and line.
/// Errors make the course unusable; the other problems are the style rules the linter holds writers to.
/// </summary>
public sealed partial class CourseLoader(MarkdownRenderer markdown)
{
    public const int MinObservedTasks = 2;

    /// <summary>A skill's short name fits a menu line, a dashboard label and a poster heading on a 360 px phone.</summary>
    public const int MaxShortTitleLength = 24;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"<[a-zA-Z/!][^>]*>")]
    private static partial Regex RawHtml();

    [GeneratedRegex(@"^\s{0,3}#{1,6}(\s|$)|\]\(|!\[|<https?:|https?://", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingLinkOrPicture();

    public ContentLoadResult Load(string folder)
    {
        var root = Path.GetFullPath(folder);
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            problems.Add(new(folder, 0, "content folder not found"));
            return new ContentLoadResult(Course.Empty, problems);
        }

        var glossary = LoadGlossary(root, problems);
        var marker = new GlossaryMarker(glossary);
        var pictures = new PictureShelf(root, problems);

        // Pass 1: read every file's front matter, so that links between lessons can be resolved in pass 2.
        var skills = new List<SkillDraft>();
        foreach (var skillDir in SubFolders(root))
        {
            var skillFile = Read(root, Path.Combine(skillDir, "skill.md"), problems, "skill.md");
            if (skillFile is null)
            {
                continue;
            }
            var skill = new SkillDraft(skillFile);
            skills.Add(skill);
            foreach (var moduleDir in SubFolders(skillDir))
            {
                var moduleFile = Read(root, Path.Combine(moduleDir, "module.md"), problems, "module.md");
                if (moduleFile is null)
                {
                    continue;
                }
                var module = new ModuleDraft(moduleFile, Read(root, Path.Combine(moduleDir, "quiz.md"), problems, "quiz.md"));
                skill.Modules.Add(module);
                foreach (var lessonPath in Directory.GetFiles(moduleDir, "*.md").Order(StringComparer.Ordinal))
                {
                    var name = Path.GetFileName(lessonPath);
                    if (name is "module.md" or "quiz.md")
                    {
                        continue;
                    }
                    if (Read(root, lessonPath, problems, name) is not { } file)
                    {
                        continue;
                    }
                    (PracticeTaskParser.IsPracticeFile(name) ? module.PracticeTasks : module.Lessons).Add(file);
                }
            }
        }

        var urls = new Dictionary<string, string>(StringComparer.Ordinal);
        var ids = new Dictionary<string, ContentFile>(StringComparer.Ordinal);
        ContentFile? starter = null;
        foreach (var skill in skills)
        {
            CheckHeader(skill.File, ids, problems, needsSummary: true);
            CheckStarter(skill.File, ref starter, problems);
            if (skill.File.Meta.Starter != true)
            {
                CheckShortTitle(skill.File, problems);
                skill.ObservedTasks.AddRange(CheckObservedTasks(skill.File, ids, problems));
            }
            else if (skill.File.Meta.Short is not null)
            {
                // The starter's short name is optional, but one that is given must fit like any other.
                CheckShortTitle(skill.File, problems);
            }
            urls[FullPath(root, skill.File)] = $"/ky-nang/{skill.File.Meta.Id}";
            foreach (var module in skill.Modules)
            {
                CheckHeader(module.File, ids, problems, needsSummary: true);
                urls[FullPath(root, module.File)] = $"/ky-nang/{skill.File.Meta.Id}#{module.File.Meta.Id}";
                if (module.Quiz is { } quiz)
                {
                    urls[FullPath(root, quiz)] = $"/kiem-tra/{module.File.Meta.Id}";
                }
                foreach (var lesson in module.Lessons)
                {
                    CheckHeader(lesson, ids, problems, needsSummary: false);
                    if (lesson.Meta.Minutes is not (>= 1 and <= 10))
                    {
                        problems.Add(new(lesson.RelativePath, 1, "front matter needs 'minutes' (reading time, 1–10)"));
                    }
                    urls[FullPath(root, lesson)] = $"/bai-hoc/{lesson.Meta.Id}";
                }
                foreach (var task in module.PracticeTasks)
                {
                    CheckHeader(task, ids, problems, needsSummary: false);
                    urls[FullPath(root, task)] = $"/lam-thu/{task.Meta.Id}";
                }
            }
        }

        // Pass 2: render bodies and build the course.
        var built = new List<Skill>();
        Skill? builtStarter = null;
        foreach (var skill in skills.OrderBy(s => s.File.Meta.Order))
        {
            var modules = new List<Module>();
            foreach (var module in skill.Modules.OrderBy(m => m.File.Meta.Order))
            {
                var lessons = module.Lessons.OrderBy(l => l.Meta.Order)
                    .Select(l => RenderLesson(root, l, module.File.Meta.Id ?? "", urls, pictures, marker, problems))
                    .ToList();
                CheckOrders(module.Lessons, problems);
                var tasks = module.PracticeTasks
                    .Select(t => PracticeTaskParser.Parse(t, module.File.Meta.Id ?? "", skill.File.Meta.Id ?? "", markdown, problems))
                    .OrderBy(t => t.Order)
                    .ToList();
                CheckOrders(module.PracticeTasks, problems);
                modules.Add(new Module(module.File.Meta.Id ?? "", skill.File.Meta.Id ?? "", module.File.Meta.Title ?? "",
                    module.File.Meta.Order ?? 0, module.File.Meta.Summary ?? "", Render(root, module.File, urls, pictures, problems),
                    lessons, BuildQuiz(module, problems)) { PracticeTasks = tasks });
                if (module.Lessons.Count == 0)
                {
                    problems.Add(new(module.File.RelativePath, 1, "the module has no lessons"));
                }
            }
            CheckOrders(skill.Modules.Select(m => m.File).ToList(), problems);
            if (modules.Count == 0)
            {
                problems.Add(new(skill.File.RelativePath, 1, "the skill has no modules"));
            }
            var builtSkill = new Skill(skill.File.Meta.Id ?? "", skill.File.Meta.Title ?? "", skill.File.Meta.Order ?? 0,
                skill.File.Meta.Summary ?? "", Render(root, skill.File, urls, pictures, problems), modules)
            {
                ObservedTasks = skill.ObservedTasks,
                ShortTitle = skill.File.Meta.Short?.Trim() is { Length: > 0 } shortTitle ? shortTitle : skill.File.Meta.Title ?? "",
                IsStarter = skill.File == starter,
            };
            if (builtSkill.IsStarter)
            {
                builtStarter = builtSkill;
            }
            else
            {
                built.Add(builtSkill);
            }
        }
        CheckOrders(skills.Select(s => s.File).ToList(), problems);
        CheckMeanLength(builtStarter is null ? built : [builtStarter, .. built], skills, problems);
        pictures.ReportUnused();

        var ordered = problems.OrderBy(p => p.File, StringComparer.Ordinal).ThenBy(p => p.Line).ToList();
        var vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
        return new ContentLoadResult(ordered.Any(p => p.IsError) ? Course.Empty
            : new Course(built, builtStarter) { Glossary = glossary.OrderBy(t => t.Term, vietnamese).ToList() }, ordered);
    }

    private Quiz BuildQuiz(ModuleDraft module, List<ContentProblem> problems)
    {
        var moduleId = module.File.Meta.Id ?? "";
        if (module.Quiz is not { } file)
        {
            return new Quiz(moduleId, 0, null, []);
        }
        var parsed = QuizParser.Parse(file, markdown, problems);
        QuizStyle.Check(file.RelativePath, parsed, problems);
        var questions = parsed.Select(p => p.Question).ToList();
        var draw = file.Meta.Draw ?? 0;
        if (draw < 1)
        {
            problems.Add(new(file.RelativePath, 1, "front matter needs 'draw': how many questions one attempt shows"));
        }
        else if (questions.Count < draw)
        {
            problems.Add(new(file.RelativePath, 1, $"the pool holds {questions.Count} questions, fewer than draw: {draw}"));
        }
        if (questions.Count < QuizParser.MinimumPool)
        {
            problems.Add(new(file.RelativePath, 1, $"the pool holds {questions.Count} questions; a quiz needs at least {QuizParser.MinimumPool}", IsError: false));
        }
        if (file.Meta.Pass is { } pass && pass is < 1 or > 100)
        {
            problems.Add(new(file.RelativePath, 1, "'pass' is a percentage from 1 to 100"));
        }
        return new Quiz(moduleId, draw, file.Meta.Pass, questions);
    }

    private Lesson RenderLesson(string root, ContentFile lesson, string moduleId, Dictionary<string, string> urls,
        PictureShelf pictures, GlossaryMarker glossary, List<ContentProblem> problems)
    {
        var rendered = Render(root, lesson, urls, pictures, problems, glossary);
        var terms = rendered.Terms;
        // The explanations are the course's own text, rendered and sanitized when loaded; sanitized once more here
        // with the lesson, so that nothing reaches a page unsanitized.
        var html = markdown.Sanitize(rendered.Html + Glossary.SectionHtml(terms));
        var lines = lesson.Body.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (RawHtml().IsMatch(lines[i]))
            {
                problems.Add(new(lesson.RelativePath, lesson.FileLine(i), "raw HTML is not allowed in lessons", IsError: false));
            }
        }
        var words = LessonLength.Count(lesson.Body);
        if (words > LessonLength.MaxWords)
        {
            problems.Add(new(lesson.RelativePath, lesson.BodyFirstLine,
                $"the lesson has {words} words; a lesson has at most {LessonLength.MaxWords} (aim for 300–380, one task per lesson: split it)"));
        }
        var weight = ContentAssets.Gzip(System.Text.Encoding.UTF8.GetBytes(html)).Length
            + rendered.Pictures.Sum(p => pictures.At(p)?.CompressedBytes ?? 0);
        if (weight > Picture.MaxLessonCompressedBytes)
        {
            problems.Add(new(lesson.RelativePath, lesson.BodyFirstLine,
                $"the lesson and its pictures are {weight} bytes compressed; at most {Picture.MaxLessonCompressedBytes}: fewer or simpler pictures"));
        }
        var headings = lines.Select((l, i) => (Text: l.Trim(), Line: i)).Where(h => h.Text.StartsWith("## ", StringComparison.Ordinal)).ToList();
        if (!headings.Any(h => h.Text == "## Thực hành"))
        {
            problems.Add(new(lesson.RelativePath, lesson.BodyFirstLine, "the lesson needs a '## Thực hành' section (a practice task)", IsError: false));
        }
        if (headings.Count == 0 || headings[^1].Text != "## Ghi nhớ")
        {
            problems.Add(new(lesson.RelativePath, lesson.BodyFirstLine, "the lesson ends with a '## Ghi nhớ' section (one line to remember)", IsError: false));
        }
        var meta = lesson.Meta;
        return new Lesson(meta.Id ?? "", moduleId, meta.Title ?? "", meta.Order ?? 0, meta.Minutes ?? 0, html)
        {
            Words = words,
            Pictures = rendered.Pictures,
            PictureBytes = rendered.Pictures.Sum(p => pictures.At(p)?.Bytes ?? 0),
            Terms = terms.Select(t => t.Id).ToList(),
            Sections = LessonSections.Split(lesson.Body),
        };
    }

    /// <summary>The course's mean lesson length, reported at its first lesson with the longest ones to shorten.</summary>
    private static void CheckMeanLength(List<Skill> built, List<SkillDraft> skills, List<ContentProblem> problems)
    {
        var lessons = built.SelectMany(s => s.Modules).SelectMany(m => m.Lessons).ToList();
        if (lessons.Count == 0)
        {
            return;
        }
        var files = skills.SelectMany(s => s.Modules).SelectMany(m => m.Lessons)
            .GroupBy(f => f.Meta.Id ?? "").ToDictionary(g => g.Key, g => g.First().RelativePath);
        var mean = lessons.Average(l => l.Words);
        if (mean > LessonLength.MaxMeanWords)
        {
            var longest = lessons.OrderByDescending(l => l.Words).Take(3).Select(l => $"{files.GetValueOrDefault(l.Id, l.Id)} ({l.Words})");
            problems.Add(new(files.GetValueOrDefault(lessons[0].Id, lessons[0].Id), 1,
                $"the course's lessons have {Math.Round(mean, MidpointRounding.AwayFromZero)} words on average; the mean is at most {LessonLength.MaxMeanWords} (longest: {string.Join(", ", longest)})"));
        }
    }

    /// <summary>"Giải thích từ": one file per term in content/_giai-thich-tu/, named by the term's id.</summary>
    private List<GlossaryTerm> LoadGlossary(string root, List<ContentProblem> problems)
    {
        var folder = Path.Combine(root, Glossary.Folder);
        var terms = new List<GlossaryTerm>();
        if (!Directory.Exists(folder))
        {
            return terms;
        }
        var forms = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (ContentFile.Read(path, relative, problems) is not { } file)
            {
                continue;
            }
            var id = Path.GetFileNameWithoutExtension(path);
            if (!IdPattern().IsMatch(id))
            {
                problems.Add(new(relative, 1, $"a glossary file is named by its id: lower-case letters, digits and '-' ('{id}.md' is not)"));
            }
            var termLine = file.FrontMatterLineOf(l => l.StartsWith("term:", StringComparison.Ordinal), 2, 1);
            var alsoLine = file.FrontMatterLineOf(l => l.StartsWith("also:", StringComparison.Ordinal), 2, termLine);
            var term = file.Meta.Term?.Trim();
            if (string.IsNullOrEmpty(term))
            {
                problems.Add(new(relative, termLine, "front matter needs 'term': the word as lessons write it"));
                continue;
            }
            var words = LessonLength.Count(file.Body);
            if (words == 0)
            {
                problems.Add(new(relative, file.BodyFirstLine, "the explanation is empty: write 1–3 short plain sentences"));
            }
            else if (words > Glossary.MaxWords)
            {
                problems.Add(new(relative, file.BodyFirstLine, $"the explanation has {words} words; at most {Glossary.MaxWords} (1–3 short sentences)"));
            }
            var lines = file.Body.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (HeadingLinkOrPicture().IsMatch(lines[i]))
                {
                    problems.Add(new(relative, file.FileLine(i), "an explanation is plain sentences: no headings, links or pictures"));
                }
            }
            var also = (file.Meta.Also ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).ToList();
            foreach (var (form, line) in also.Select(a => (a, alsoLine)).Prepend((term, termLine)))
            {
                var key = GlossaryMarker.Normalize(form);
                if (forms.TryGetValue(key, out var other))
                {
                    problems.Add(new(relative, line, $"'{form}' is already explained in {other}: a term or form has one file"));
                }
                else
                {
                    forms[key] = relative;
                }
            }
            terms.Add(new GlossaryTerm(id, term, also, markdown.Render(file.Body).Html));
        }
        return terms;
    }

    private string Render(string root, ContentFile file, Dictionary<string, string> urls, PictureShelf pictures, List<ContentProblem> problems) =>
        Render(root, file, urls, pictures, problems, glossary: null).Html;

    private RenderedMarkdown Render(string root, ContentFile file, Dictionary<string, string> urls, PictureShelf pictures,
        List<ContentProblem> problems, GlossaryMarker? glossary)
    {
        var directory = Path.GetDirectoryName(FullPath(root, file))!;
        var rendered = markdown.Render(file.Body, url =>
        {
            var (path, anchor) = SplitAnchor(url);
            var target = Path.GetFullPath(Path.Combine(directory, Uri.UnescapeDataString(path)));
            if (urls.TryGetValue(target, out var page))
            {
                return page + anchor;
            }
            var isAsset = target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && ContentAssets.IsAsset(target) && File.Exists(target);
            return isAsset ? pictures.Get(target).Url : null;
        }, pictures.At, glossary);
        problems.AddRange(rendered.Findings.Select(f => new ContentProblem(file.RelativePath, file.FileLine(f.Line), f.Message)));
        return rendered;
    }

    private static void CheckHeader(ContentFile file, Dictionary<string, ContentFile> ids, List<ContentProblem> problems, bool needsSummary)
    {
        var meta = file.Meta;
        if (string.IsNullOrWhiteSpace(meta.Id) || !IdPattern().IsMatch(meta.Id))
        {
            problems.Add(new(file.RelativePath, 1, "front matter needs 'id': lower-case letters, digits and '-'"));
        }
        else if (ids.TryGetValue(meta.Id, out var other))
        {
            problems.Add(new(file.RelativePath, 1, $"id '{meta.Id}' is already used by {other.RelativePath}"));
        }
        else
        {
            ids[meta.Id] = file;
        }
        if (string.IsNullOrWhiteSpace(meta.Title))
        {
            problems.Add(new(file.RelativePath, 1, "front matter needs 'title'"));
        }
        if (meta.Order is null)
        {
            problems.Add(new(file.RelativePath, 1, "front matter needs 'order'"));
        }
        if (needsSummary && string.IsNullOrWhiteSpace(meta.Summary))
        {
            problems.Add(new(file.RelativePath, 1, "front matter needs 'summary'"));
        }
    }

    /// <summary>The starter section (<c>starter: true</c>, content/README.md): order 0, at most one, no observed tasks
    /// (it earns no certificate); order 0 belongs to it alone. The first starter found is <paramref name="starter"/>.</summary>
    private static void CheckStarter(ContentFile skill, ref ContentFile? starter, List<ContentProblem> problems)
    {
        var orderLine = skill.FrontMatterLineOf(l => l.StartsWith("order:", StringComparison.Ordinal), 2, 1);
        if (skill.Meta.Starter != true)
        {
            if (skill.Meta.Order == 0)
            {
                problems.Add(new(skill.RelativePath, orderLine, "order 0 is the starter section's: add 'starter: true', or give the skill an order from 1"));
            }
            return;
        }
        var line = skill.FrontMatterLineOf(l => l.StartsWith("starter:", StringComparison.Ordinal), 2, 1);
        if (starter is not null)
        {
            problems.Add(new(skill.RelativePath, line, $"only one starter section: {starter.RelativePath} is already 'starter: true'"));
            return;
        }
        starter = skill;
        if (skill.Meta.Order is { } order && order != 0)
        {
            problems.Add(new(skill.RelativePath, orderLine, $"the starter section has order 0, not {order}"));
        }
        if (skill.Meta.Observed is { Count: > 0 })
        {
            problems.Add(new(skill.RelativePath, skill.FrontMatterLineOf(l => l.StartsWith("observed:", StringComparison.Ordinal), 2, 1),
                "the starter section earns no certificate: remove its 'observed' list"));
        }
    }

    /// <summary>The skill's <c>short</c> name: required, one line of at most <see cref="MaxShortTitleLength"/> characters.</summary>
    private static void CheckShortTitle(ContentFile skill, List<ContentProblem> problems)
    {
        var line = skill.FrontMatterLineOf(l => l.StartsWith("short:", StringComparison.Ordinal), 2, 1);
        var value = skill.Meta.Short?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            problems.Add(new(skill.RelativePath, line, $"front matter needs 'short': the skill's short name for menus and posters (at most {MaxShortTitleLength} characters)"));
        }
        else if (value.Length > MaxShortTitleLength)
        {
            problems.Add(new(skill.RelativePath, line, $"'short' has {value.Length} characters; a skill's short name has at most {MaxShortTitleLength}"));
        }
    }

    /// <summary>The skill's <c>observed</c> list: at least <see cref="MinObservedTasks"/> tasks, each with an id
    /// (unique across the whole course, like every id) and a title; problems point at the item's line.</summary>
    private static IEnumerable<ObservedTask> CheckObservedTasks(ContentFile skill, Dictionary<string, ContentFile> ids, List<ContentProblem> problems)
    {
        var items = skill.Meta.Observed ?? [];
        var listLine = skill.FrontMatterLineOf(l => l.StartsWith("observed:", StringComparison.Ordinal), 2, 1);
        if (items.Count < MinObservedTasks)
        {
            problems.Add(new(skill.RelativePath, listLine,
                $"the skill lists {items.Count} observed tasks; a skill needs at least {MinObservedTasks} under 'observed:' (real tasks done on one's own phone)"));
        }
        var tasks = new List<ObservedTask>();
        var line = listLine;
        foreach (var item in items)
        {
            // Each item starts with '-'; its line is the next dash after the previous item's.
            line = skill.FrontMatterLineOf(l => l.TrimStart().StartsWith('-'), line + 1, line);
            if (string.IsNullOrWhiteSpace(item.Id) || !IdPattern().IsMatch(item.Id))
            {
                problems.Add(new(skill.RelativePath, line, "an observed task needs 'id': lower-case letters, digits and '-'"));
            }
            else if (ids.TryGetValue(item.Id, out var other))
            {
                problems.Add(new(skill.RelativePath, line, $"id '{item.Id}' is already used by {other.RelativePath}"));
            }
            else
            {
                ids[item.Id] = skill;
            }
            if (string.IsNullOrWhiteSpace(item.Title))
            {
                problems.Add(new(skill.RelativePath, line, "an observed task needs 'title' (what the person does, in plain Vietnamese)"));
            }
            tasks.Add(new ObservedTask(item.Id ?? "", skill.Meta.Id ?? "", item.Title?.Trim() ?? ""));
        }
        return tasks;
    }

    private static void CheckOrders(IReadOnlyList<ContentFile> siblings, List<ContentProblem> problems)
    {
        foreach (var group in siblings.Where(f => f.Meta.Order is not null).GroupBy(f => f.Meta.Order).Where(g => g.Count() > 1))
        {
            foreach (var file in group.Skip(1))
            {
                problems.Add(new(file.RelativePath, 1, $"order {group.Key} is also used by {group.First().RelativePath}"));
            }
        }
    }

    private static ContentFile? Read(string root, string path, List<ContentProblem> problems, string name)
    {
        var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
        if (!File.Exists(path))
        {
            problems.Add(new(relative, 0, $"missing {name}"));
            return null;
        }
        return ContentFile.Read(path, relative, problems);
    }

    private static IEnumerable<string> SubFolders(string folder) =>
        Directory.GetDirectories(folder)
            .Where(d => !Path.GetFileName(d).StartsWith('.') && !Path.GetFileName(d).StartsWith('_'))
            .Order(StringComparer.Ordinal);

    private static string FullPath(string root, ContentFile file) => Path.GetFullPath(Path.Combine(root, file.RelativePath));

    private static (string Path, string Anchor) SplitAnchor(string url)
    {
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        return hash < 0 ? (url, "") : (url[..hash], url[hash..]);
    }

    private sealed record SkillDraft(ContentFile File)
    {
        public List<ModuleDraft> Modules { get; } = [];

        public List<ObservedTask> ObservedTasks { get; } = [];
    }

    private sealed record ModuleDraft(ContentFile File, ContentFile? Quiz)
    {
        public List<ContentFile> Lessons { get; } = [];

        public List<ContentFile> PracticeTasks { get; } = [];
    }
}

public sealed record ContentLoadResult(Course Course, IReadOnlyList<ContentProblem> Problems)
{
    public bool HasErrors => Problems.Any(p => p.IsError);
}
