using System.Net;
using System.Text.RegularExpressions;

namespace CdsLearn.Load;

/// <summary>
/// A form read out of a page the way a browser submits it: its action, its hidden fields (the antiforgery token among
/// them) and the names of its other inputs. Regular expressions instead of a DOM: hundreds of simulated learners
/// share two cores with the site, and the site's markup is its own (attributes always quoted).
/// </summary>
public sealed partial record HtmlForm(string? Action, IReadOnlyList<KeyValuePair<string, string>> Hidden, IReadOnlyList<string> InputNames)
{
    /// <summary>The first form whose markup contains <paramref name="marker"/> (e.g. class="quiz", or name="Input.Password"), or null.</summary>
    public static HtmlForm? Find(string html, string marker)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var tag = form.Groups["tag"].Value;
            if (!form.Value.Contains(marker, StringComparison.Ordinal))
            {
                continue;
            }
            var action = Attribute(tag, "action");
            var hidden = new List<KeyValuePair<string, string>>();
            var names = new List<string>();
            foreach (Match input in InputPattern().Matches(form.Groups["body"].Value))
            {
                var name = Attribute(input.Value, "name");
                if (name is null)
                {
                    continue;
                }
                if (Attribute(input.Value, "type") == "hidden")
                {
                    hidden.Add(new(name, Attribute(input.Value, "value") ?? ""));
                }
                else if (!names.Contains(name))
                {
                    names.Add(name);
                }
            }
            return new HtmlForm(action, hidden, names);
        }
        return null;
    }

    public string? HiddenValue(string name) => Hidden.FirstOrDefault(h => h.Key == name).Value;

    /// <summary>The hidden fields and <paramref name="values"/>, as the form would post them (a value given replaces a
    /// hidden field of the same name, as a ticked checkbox replaces the "false" Razor adds for it).</summary>
    public FormUrlEncodedContent Post(IReadOnlyCollection<KeyValuePair<string, string>> values) =>
        new(Hidden.Where(h => !values.Any(v => v.Key == h.Key)).Concat(values));

    private static string? Attribute(string tag, string name)
    {
        foreach (Match attribute in AttributePattern().Matches(tag))
        {
            if (attribute.Groups["name"].Value == name)
            {
                return WebUtility.HtmlDecode(attribute.Groups["value"].Value);
            }
        }
        return null;
    }

    [GeneratedRegex("""(?<tag><form\b[^>]*>)(?<body>.*?)</form>""", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex("""<input\b[^>]*>""", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex("""(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*"(?<value>[^"]*)"|(?<name>[a-zA-Z_:][-a-zA-Z0-9_:.]*)\s*=\s*'(?<value>[^']*)'""")]
    private static partial Regex AttributePattern();
}
