using System.Net;

namespace CdsLearn.Load;

/// <summary>
/// A form read out of a page the way a browser submits it: its action, its hidden fields (the antiforgery token among
/// them) and the names of its other inputs. A small reader of the site's own markup instead of a DOM or regular
/// expressions over the whole page: hundreds of simulated learners share two cores with the site, and what the load
/// generator spends is taken from the site being measured.
/// </summary>
public sealed record HtmlForm(string? Action, IReadOnlyList<KeyValuePair<string, string>> Hidden, IReadOnlyList<string> InputNames)
{
    /// <summary>The first form whose markup contains <paramref name="marker"/> (e.g. class="quiz", or name="Input.Password"), or null.</summary>
    public static HtmlForm? Find(string html, string marker)
    {
        var page = html.AsSpan();
        var from = 0;
        while (NextTag(page, "<form", from) is var start and >= 0)
        {
            var end = page[start..].IndexOf("</form>", StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                return null;
            }
            var form = page.Slice(start, end + "</form>".Length);
            from = start + form.Length;
            if (form.Contains(marker, StringComparison.Ordinal))
            {
                return Read(form);
            }
        }
        return null;
    }

    public string? HiddenValue(string name) => Hidden.FirstOrDefault(h => h.Key == name).Value;

    /// <summary>The hidden fields and <paramref name="values"/>, as the form would post them (a value given replaces a
    /// hidden field of the same name, as a ticked checkbox replaces the "false" Razor adds for it).</summary>
    public FormUrlEncodedContent Post(IReadOnlyCollection<KeyValuePair<string, string>> values) =>
        new(Hidden.Where(h => !values.Any(v => v.Key == h.Key)).Concat(values));

    private static HtmlForm Read(ReadOnlySpan<char> form)
    {
        var tagEnd = form.IndexOf('>');
        var action = Attribute(form[..(tagEnd + 1)], "action");
        var hidden = new List<KeyValuePair<string, string>>();
        var names = new List<string>();
        var body = form[(tagEnd + 1)..];
        var from = 0;
        while (NextTag(body, "<input", from) is var start and >= 0)
        {
            var length = body[start..].IndexOf('>');
            if (length < 0)
            {
                break;
            }
            var input = body.Slice(start, length + 1);
            from = start + input.Length;
            if (Attribute(input, "name") is not { } name)
            {
                continue;
            }
            if (Attribute(input, "type") == "hidden")
            {
                hidden.Add(new(name, Attribute(input, "value") ?? ""));
            }
            else if (!names.Contains(name))
            {
                names.Add(name);
            }
        }
        return new HtmlForm(action, hidden, names);
    }

    /// <summary>Where the next tag opened by <paramref name="open"/> ("&lt;form") starts (not a longer tag name that
    /// begins the same), or -1.</summary>
    private static int NextTag(ReadOnlySpan<char> html, string open, int from)
    {
        while (from < html.Length)
        {
            var at = html[from..].IndexOf(open, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }
            var start = from + at;
            var next = start + open.Length;
            if (next < html.Length && (char.IsWhiteSpace(html[next]) || html[next] is '>' or '/'))
            {
                return start;
            }
            from = next;
        }
        return -1;
    }

    /// <summary>An attribute's decoded value, read attribute by attribute from the tag (so text inside another
    /// attribute's value is never taken for a name); null when absent or without a quoted value.</summary>
    private static string? Attribute(ReadOnlySpan<char> tag, string name)
    {
        // Past "<tagname".
        var rest = tag[1..];
        var tagNameEnd = rest.IndexOfAny(" \t\r\n/>");
        rest = tagNameEnd < 0 ? [] : rest[tagNameEnd..];
        while (true)
        {
            rest = rest.TrimStart(" \t\r\n/");
            if (rest.IsEmpty || rest[0] == '>')
            {
                return null;
            }
            var nameEnd = rest.IndexOfAny(" \t\r\n=/>");
            if (nameEnd <= 0)
            {
                return null;
            }
            var attribute = rest[..nameEnd];
            rest = rest[nameEnd..].TrimStart(" \t\r\n");
            if (rest.IsEmpty || rest[0] != '=')
            {
                // An attribute without a value (checked, required).
                continue;
            }
            rest = rest[1..].TrimStart(" \t\r\n");
            ReadOnlySpan<char> value;
            if (!rest.IsEmpty && rest[0] is '"' or '\'')
            {
                var close = rest[1..].IndexOf(rest[0]);
                if (close < 0)
                {
                    return null;
                }
                value = rest.Slice(1, close);
                rest = rest[(close + 2)..];
            }
            else
            {
                var valueEnd = rest.IndexOfAny(" \t\r\n>");
                value = valueEnd < 0 ? rest : rest[..valueEnd];
                rest = valueEnd < 0 ? [] : rest[valueEnd..];
            }
            if (attribute.SequenceEqual(name))
            {
                return WebUtility.HtmlDecode(value.ToString());
            }
        }
    }
}
