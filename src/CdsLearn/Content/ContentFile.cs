using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CdsLearn.Content;

/// <summary>The typed front matter of any course file; which fields are required depends on the file's kind.</summary>
internal sealed class FrontMatter
{
    public string? Id { get; set; }
    public string? Title { get; set; }

    /// <summary>skill.md only: the name people use for the skill ("An toàn trên mạng"), where space is short.</summary>
    public string? Short { get; set; }

    public int? Order { get; set; }
    public int? Minutes { get; set; }
    public string? Summary { get; set; }
    public int? Draw { get; set; }
    public int? Pass { get; set; }

    /// <summary>Glossary files only (_giai-thich-tu/): the term as lessons write it, and its other forms.</summary>
    public string? Term { get; set; }
    public List<string>? Also { get; set; }

    /// <summary>skill.md only: the real tasks a team member may see the person do on their own phone.</summary>
    public List<ObservedTaskMatter>? Observed { get; set; }

    /// <summary>skill.md only: the starter section ("Bắt đầu với điện thoại"), shown before skill 1 and not one of the
    /// five skills (no certificate, not counted).</summary>
    public bool? Starter { get; set; }
}

/// <summary>One entry of a skill's <c>observed</c> list.</summary>
internal sealed class ObservedTaskMatter
{
    public string? Id { get; set; }
    public string? Title { get; set; }
}

/// <summary>A course file split into front matter and body, remembering where the body starts.</summary>
internal sealed record ContentFile(string RelativePath, FrontMatter Meta, string Body, int BodyFirstLine)
{
    /// <summary>The lines between the two '---' lines, so that a problem in a list item can name its line.</summary>
    public IReadOnlyList<string> FrontMatterLines { get; init; } = [];

    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(LowerCaseNamingConvention.Instance)
        .Build();

    public static ContentFile? Read(string path, string relativePath, List<ContentProblem> problems)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "---")
        {
            problems.Add(new(relativePath, 1, "the file must start with front matter between two '---' lines"));
            return null;
        }
        var end = Array.FindIndex(lines, 1, l => l.Trim() == "---");
        if (end < 0)
        {
            problems.Add(new(relativePath, 1, "front matter is not closed by a '---' line"));
            return null;
        }
        FrontMatter meta;
        try
        {
            meta = Yaml.Deserialize<FrontMatter>(string.Join('\n', lines[1..end])) ?? new FrontMatter();
        }
        catch (YamlException e)
        {
            var message = (e.InnerException ?? e).Message;
            problems.Add(new(relativePath, 1 + (int)e.Start.Line, $"bad front matter: {message}"));
            return null;
        }
        return new ContentFile(relativePath, meta, string.Join('\n', lines[(end + 1)..]), end + 2) { FrontMatterLines = lines[1..end] };
    }

    /// <summary>The 1-based line in the file of a 0-based line of the body.</summary>
    public int FileLine(int bodyLine) => BodyFirstLine + bodyLine;

    /// <summary>The file line (1-based) of the first front matter line at or after file line <paramref name="fromLine"/>
    /// that matches, else <paramref name="fallback"/>. Front matter starts on file line 2.</summary>
    public int FrontMatterLineOf(Func<string, bool> matches, int fromLine, int fallback)
    {
        for (var i = Math.Max(0, fromLine - 2); i < FrontMatterLines.Count; i++)
        {
            if (matches(FrontMatterLines[i]))
            {
                return i + 2;
            }
        }
        return fallback;
    }
}
