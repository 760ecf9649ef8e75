using System.Globalization;
using System.Text;
using Markdig.Extensions.CustomContainers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace CdsLearn.Content;

/// <summary>
/// Marks the first use of each glossary term in a lesson as a link to its explanation (<c>a.tu</c>): a whole word
/// (the neighbours are not letters, Vietnamese ones included), letter case ignored, the longest form first. Never in
/// a heading, a link, a picture's description, a drawn screen or code, where a link would be wrong or unreadable.
/// </summary>
public sealed class GlossaryMarker
{
    private readonly List<(string Form, GlossaryTerm Term)> forms;

    public GlossaryMarker(IEnumerable<GlossaryTerm> terms)
    {
        forms = terms.SelectMany(t => t.Forms.Select(f => (Form: Normalize(f), Term: t)))
            .Where(f => f.Form.Length > 0)
            .OrderByDescending(f => f.Form.Length)
            .ToList();
    }

    public bool IsEmpty => forms.Count == 0;

    /// <summary>Marks the document in place; returns the terms used, in the order of their first use.</summary>
    public IReadOnlyList<GlossaryTerm> Mark(MarkdownDocument document)
    {
        var used = new List<GlossaryTerm>();
        if (IsEmpty)
        {
            return used;
        }
        foreach (var block in document.Descendants<LeafBlock>().ToList())
        {
            if (block is HeadingBlock or CodeBlock || block.Inline is null || InScreen(block))
            {
                continue;
            }
            MarkContainer(block.Inline, used);
        }
        return used;
    }

    /// <summary>NFC with single spaces: the form a match is compared in (letter case ignored).</summary>
    public static string Normalize(string text) =>
        string.Join(' ', text.Normalize(NormalizationForm.FormC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool InScreen(Block block)
    {
        for (var parent = block.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CustomContainer { Info: MarkdownRenderer.ScreenKind })
            {
                return true;
            }
        }
        return false;
    }

    private void MarkContainer(ContainerInline container, List<GlossaryTerm> used)
    {
        var run = new List<Inline>();
        foreach (var child in container.ToList())
        {
            if (child is LiteralInline || child is LineBreakInline { IsHard: false })
            {
                run.Add(child);
                continue;
            }
            MarkRun(run, used);
            run = [];
            // Emphasis is read like the text around it; a link (and a picture's description) keeps its own text.
            if (child is ContainerInline inner and not LinkInline)
            {
                MarkContainer(inner, used);
            }
        }
        MarkRun(run, used);
    }

    private void MarkRun(List<Inline> run, List<GlossaryTerm> used)
    {
        if (run.Count == 0)
        {
            return;
        }
        var text = string.Concat(run.Select(i => i is LiteralInline literal ? literal.Content.ToString() : "\n"));
        var comparable = text.Replace('\n', ' ');
        var pieces = new List<Inline>();
        var plainFrom = 0;
        for (var i = 0; i < comparable.Length; i++)
        {
            if (i > 0 && IsLetter(comparable, i - 1))
            {
                continue;
            }
            foreach (var (form, term) in forms)
            {
                if (!Matches(comparable, i, form))
                {
                    continue;
                }
                // The longest form found here wins, marked or not: a shorter term inside it is not a use of its own.
                if (!used.Contains(term))
                {
                    used.Add(term);
                    if (i > plainFrom)
                    {
                        pieces.Add(new LiteralInline(text[plainFrom..i]));
                    }
                    var link = new LinkInline("#" + term.Anchor, "");
                    link.AppendChild(new LiteralInline(text.Substring(i, form.Length)));
                    link.GetAttributes().AddClass("tu");
                    pieces.Add(link);
                    plainFrom = i + form.Length;
                }
                i += form.Length - 1;
                break;
            }
        }
        if (pieces.Count == 0)
        {
            return;
        }
        if (plainFrom < text.Length)
        {
            pieces.Add(new LiteralInline(text[plainFrom..]));
        }
        foreach (var piece in pieces)
        {
            run[0].InsertBefore(piece);
        }
        foreach (var old in run)
        {
            old.Remove();
        }
    }

    private static bool Matches(string text, int at, string form) =>
        at + form.Length <= text.Length
        && string.Compare(text, at, form, 0, form.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (at + form.Length == text.Length || !IsLetter(text, at + form.Length));

    /// <summary>A letter of any script, or a combining mark (a Vietnamese tone written apart from its vowel).</summary>
    private static bool IsLetter(string text, int at) =>
        char.IsLetter(text[at]) || CharUnicodeInfo.GetUnicodeCategory(text[at]) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
