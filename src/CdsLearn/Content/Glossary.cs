using System.Net;
using System.Text;

namespace CdsLearn.Content;

/// <summary>A term of "Giải thích từ" (content/_giai-thich-tu/&lt;id&gt;.md): the word as lessons write it, other
/// forms of it, and 1–3 plain sentences.</summary>
/// <param name="Html">The explanation, rendered and sanitized.</param>
public sealed record GlossaryTerm(string Id, string Term, IReadOnlyList<string> Also, string Html)
{
    /// <summary>The term and its other forms: any of them, as a whole word, marks the term in a lesson.</summary>
    public IEnumerable<string> Forms => Also.Prepend(Term);

    /// <summary>The anchor of the term's explanation, in a lesson and on the glossary page.</summary>
    public string Anchor => "tu-" + Id;
}

/// <summary>The course's glossary and the section a lesson ends with.</summary>
public static class Glossary
{
    public const string Folder = "_giai-thich-tu";

    public const string PagePath = "/giai-thich-tu";

    /// <summary>An explanation is 1–3 short sentences (writers aim for at most 50 words).</summary>
    public const int MaxWords = 60;

    /// <summary>"Giải thích từ" at the end of a lesson: the terms it uses, in the order it uses them. Without script a
    /// marked term jumps here; with it (lesson.js) the explanation opens in place.</summary>
    public static string SectionHtml(IReadOnlyList<GlossaryTerm> terms)
    {
        if (terms.Count == 0)
        {
            return "";
        }
        var html = new StringBuilder("\n<section class=\"giai-thich-tu\">\n<h2 id=\"giai-thich-tu\">Giải thích từ</h2>\n<dl>\n");
        foreach (var term in terms)
        {
            html.Append("<dt id=\"").Append(term.Anchor).Append("\">").Append(WebUtility.HtmlEncode(term.Term)).Append("</dt>\n<dd>")
                .Append(term.Html.Trim()).Append("</dd>\n");
        }
        return html.Append("</dl>\n<p><a href=\"").Append(PagePath).Append("\">Xem tất cả các từ được giải thích</a></p>\n</section>\n").ToString();
    }
}
