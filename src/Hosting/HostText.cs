using System;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.RegularExpressions;

namespace DaemonLint.Hosting;

/// <summary>
/// The text a host prints that comes from outside: file names, arguments, names and kinds read from a manifest, and
/// exception messages. None of it reaches a terminal raw: a control or format character (an escape sequence, a newline, a
/// bidirectional override) could repaint the screen, forge a line of output or hide one.
/// </summary>
public static class HostText
{
    // A location or a severity as the canonical line writes them: a name holding one could pass for a finding of its own.
    private static readonly Regex LooksLikeAFinding = new(
        @"\(\d+(?:,\d+)*\)\s*:|:\s*(?:error|warning|info)\s",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>
    /// A file name (or another name) as printed: as it is when it is plain, else quoted as Go's <c>%q</c> quotes it (so a
    /// name with a newline, a control character, or one that looks like a finding stays one visibly quoted token).
    /// </summary>
    /// <param name="name">The name.</param>
    /// <returns>The name, or its quoted form.</returns>
    public static string Name(string name) => IsPlain(name) ? name : Quote(name);

    /// <summary>A name inside a sentence: <c>'name'</c> when it is plain, else its Go-quoted form <c>"na\nme"</c>.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The quoted name.</returns>
    public static string InQuotes(string name) => IsPlain(name) && name.IndexOf('\'') < 0 ? "'" + name + "'" : Quote(name);

    /// <summary>Whether a name prints as it is: not empty, only printable characters, not starting with a quote, not holding a location or a severity.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when it needs no quoting.</returns>
    public static bool IsPlain(string name)
    {
        if (name.Length == 0 || name[0] == '"')
        {
            return false;
        }

        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsHighSurrogate(c) && i + 1 < name.Length && char.IsLowSurrogate(name[i + 1]))
            {
                if (!IsPrintable(char.ConvertToUtf32(c, name[i + 1])))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (!IsPrintable(c))
            {
                return false;
            }
        }

        return !LooksLikeAFinding.IsMatch(name);
    }

    /// <summary>Quotes a text as Go's <c>strconv.Quote</c> (<c>%q</c>) does: printable characters as they are, the rest escaped.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The quoted text, in double quotes.</returns>
    public static string Quote(string text)
    {
        var sb = new StringBuilder(text.Length + 2);
        sb.Append('"');
        AppendEscaped(sb, text, quote: '"');
        return sb.Append('"').ToString();
    }

    /// <summary>A free text with every non-printable character escaped as Go does (<c>\n</c>, <c>\x1b</c>, <c>\u202e</c>), without quotes.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The text, safe for one line of a terminal.</returns>
    public static string Escape(string text)
    {
        var plain = true;
        foreach (var c in text)
        {
            if (!IsPrintable(c) || char.IsSurrogate(c))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        AppendEscaped(sb, text, quote: null);
        return sb.ToString();
    }

    /// <summary>An exception in plain words for a message line (never a resource key, never a stack trace, one line).</summary>
    /// <param name="ex">The exception.</param>
    /// <returns>The text.</returns>
    public static string Describe(Exception ex) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => "no such file or directory",
        PathTooLongException => "the path is too long",
        UnauthorizedAccessException { InnerException: IOException inner } => Describe(inner),
        UnauthorizedAccessException => "permission denied",
        OutOfMemoryException or InsufficientExecutionStackException => "out of memory",
        _ => Escape(Message(ex)),
    };

    private static string Message(Exception ex)
    {
        var m = ex.Message.Trim();

        // A resource key instead of a message (a trimmed runtime): name the exception instead.
        return m.Length == 0 || (m.IndexOf(' ') < 0 && m.IndexOf('_') > 0) ? ex.GetType().Name : m;
    }

    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }

        if (codePoint < 0x20 || (codePoint >= 0x7F && codePoint < 0xA0))
        {
            return false;
        }

        if (codePoint < 0x7F)
        {
            return true;
        }

        var category = codePoint < 0x10000 ? CharUnicodeInfo.GetUnicodeCategory((char)codePoint) : CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    private static void AppendEscaped(StringBuilder sb, string text, char? quote)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsPrintable(codePoint))
                {
                    sb.Append(c).Append(text[i + 1]);
                }
                else
                {
                    sb.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                // A lone surrogate is no character: Go's %q writes U+FFFD for invalid UTF-8.
                sb.Append('\uFFFD');
                continue;
            }

            switch (c)
            {
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
                case '\\': sb.Append(quote is null ? "\\" : "\\\\"); continue;
            }

            if (quote is { } q && c == q)
            {
                sb.Append('\\').Append(c);
            }
            else if (IsPrintable(c))
            {
                sb.Append(c);
            }
            else if (c < 0x80)
            {
                sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
        }
    }
}
