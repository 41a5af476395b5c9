using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace DaemonLint.Analyzers.CodeFixes;

/// <summary>
/// Inserts an element into an initializer or collection expression the way its neighbours are written: one per line at
/// their indentation when they stand on lines of their own (the closing brace stays where it was), or inline after
/// <c>", "</c>; a trailing comma when the list has one.
/// </summary>
internal static class ListLayout
{
    /// <summary>Returns the list with <paramref name="element"/> (without trivia) inserted at <paramref name="index"/>.</summary>
    public static SeparatedSyntaxList<T> Insert<T>(SeparatedSyntaxList<T> list, int index, T element)
        where T : SyntaxNode
    {
        var count = list.Count;
        var nodes = new List<T>(list);
        var separators = new List<SyntaxToken>(list.GetSeparators());
        var trailingComma = count > 0 && separators.Count == count;
        var neighbour = count == 0 ? null : list[index < count ? index : count - 1];
        element = element.WithoutLeadingTrivia().WithoutTrailingTrivia();

        if (neighbour is not null && StartsLine(neighbour, out var eol))
        {
            var newLine = SyntaxFactory.EndOfLine(eol);
            var item = element.WithLeadingTrivia(IndentationOf(neighbour));
            var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(newLine);
            if (index < count || trailingComma)
            {
                nodes.Insert(index, item);
                separators.Insert(index, comma);
            }
            else
            {
                // After the last element, which has no comma: it gets one, and the new last element takes its line end.
                var last = nodes[count - 1];
                nodes[count - 1] = last.WithoutTrailingTrivia();
                separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(last.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? last.GetTrailingTrivia() : SyntaxFactory.TriviaList(newLine)));
                nodes.Add(item.WithTrailingTrivia(last.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) ? SyntaxFactory.TriviaList(newLine) : last.GetTrailingTrivia()));
            }
        }
        else
        {
            var comma = SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space);
            if (count == 0)
            {
                nodes.Add(element);
            }
            else if (index < count || trailingComma)
            {
                nodes.Insert(index, element);
                separators.Insert(index, comma);
            }
            else
            {
                var last = nodes[count - 1];
                nodes[count - 1] = last.WithoutTrailingTrivia();
                separators.Add(comma);
                nodes.Add(element.WithTrailingTrivia(last.GetTrailingTrivia()));
            }
        }

        return SyntaxFactory.SeparatedList(nodes, separators);
    }

    /// <summary>Whether a node begins its own line; <paramref name="eol"/> is the line end used there.</summary>
    public static bool StartsLine(SyntaxNode node, out string eol)
    {
        eol = "\n";
        var first = node.GetFirstToken();
        foreach (var t in first.GetPreviousToken().TrailingTrivia.Concat(first.LeadingTrivia))
        {
            if (t.IsKind(SyntaxKind.EndOfLineTrivia))
            {
                eol = t.ToString();
                return true;
            }
        }

        return false;
    }

    /// <summary>The whitespace before a node on its line.</summary>
    public static SyntaxTriviaList IndentationOf(SyntaxNode node)
    {
        var leading = node.GetLeadingTrivia();
        var start = 0;
        for (var i = 0; i < leading.Count; i++)
        {
            if (leading[i].IsKind(SyntaxKind.EndOfLineTrivia))
            {
                start = i + 1;
            }
        }

        return SyntaxFactory.TriviaList(leading.Skip(start).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
    }
}
