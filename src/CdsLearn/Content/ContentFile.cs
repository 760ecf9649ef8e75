using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace CdsLearn.Content;

/// <summary>The typed front matter of any course file; which fields are required depends on the file's kind.</summary>
internal sealed class FrontMatter
{
    public string? Id { get; set; }
    public string? Title { get; set; }
    public int? Order { get; set; }
    public int? Minutes { get; set; }
    public string? Summary { get; set; }
    public int? Draw { get; set; }
    public int? Pass { get; set; }
}

/// <summary>A course file split into front matter and body, remembering where the body starts.</summary>
internal sealed record ContentFile(string RelativePath, FrontMatter Meta, string Body, int BodyFirstLine)
{
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
        return new ContentFile(relativePath, meta, string.Join('\n', lines[(end + 1)..]), end + 2);
    }

    /// <summary>The 1-based line in the file of a 0-based line of the body.</summary>
    public int FileLine(int bodyLine) => BodyFirstLine + bodyLine;
}
