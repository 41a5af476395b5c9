using System.Globalization;
using System.Text;

namespace DaemonLint.Model;

/// <summary>
/// Manifest text as the API server prints it, made safe for a terminal: Go's <c>strconv.Quote</c> (the <c>%q</c> of
/// <c>field.Error.ErrorBody</c>) exactly, an escape of the same non-printable runes without the quotes, and caps for
/// echoed values. A manifest can hold any Unicode text; none of it reaches a message raw unless Go would print it
/// raw too (letters, marks, numbers, punctuation, symbols and the ASCII space).
/// </summary>
/// <remarks>
/// The API server does not truncate bad values: <c>field.Error.ErrorBody</c> prints a string with <c>%q</c> whatever
/// its length (only <c>TooLong</c>, <c>TooMany</c> with <c>omitValue</c>, <c>Required</c> and <c>Forbidden</c> omit
/// the value). A finding is read in a terminal or an IDE, so DaemonLint caps what it echoes and says how much it left out.
/// </remarks>
public static class GoText
{
    /// <summary>The most UTF-8 bytes of a value a finding echoes; more is cut and marked "...(truncated N bytes)".</summary>
    public const int MaxEchoedBytes = 512;

    /// <summary>The most characters of one part of a message (detail, hint, unquoted value) a finding keeps.</summary>
    public const int MaxMessagePartChars = 4096;

    private const string Hex = "0123456789abcdef";

    /// <summary>Quotes a string exactly as Go's <c>strconv.Quote</c> (and <c>%q</c>) does, whatever its length.</summary>
    /// <param name="s">The text.</param>
    /// <returns>The quoted text: <c>"a\x1b[31m\u00a0"</c>.</returns>
    /// <remarks>
    /// .NET strings are UTF-16. A lone surrogate (possible in C# source, never in a decoded file, where invalid UTF-8
    /// is refused) reaches the server through JSON as U+FFFD, which Go prints as is; it is written that way here.
    /// </remarks>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        AppendEscaped(sb, s, 0, s.Length, quotes: true);
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// Quotes a string as <see cref="Quote"/> does, at most <paramref name="maxBytes"/> UTF-8 bytes of it: a longer
    /// text is cut at a character boundary and followed by <c>...(truncated N bytes)</c>, N the bytes left out.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <param name="maxBytes">The most UTF-8 bytes to quote.</param>
    /// <returns>The quoted (and perhaps truncated) text.</returns>
    public static string QuoteCapped(string s, int maxBytes = MaxEchoedBytes)
    {
        var cut = CutAtBytes(s, maxBytes, out var keptBytes);
        if (cut == s.Length)
        {
            return Quote(s);
        }

        var sb = new StringBuilder(cut + 40);
        sb.Append('"');
        AppendEscaped(sb, s, 0, cut, quotes: true);
        sb.Append('"');
        return AppendMarker(sb, Utf8Length(s) - keptBytes).ToString();
    }

    /// <summary>
    /// Escapes the runes Go would escape in <c>%q</c> (controls, format characters, separators other than the ASCII
    /// space, private use, unassigned), leaving everything else (quotes and backslashes included) as it is.
    /// </summary>
    /// <param name="s">The text.</param>
    /// <returns>The text with no raw non-printable character; the same instance when there was none.</returns>
    public static string Escape(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c >= ' ' && c < '\u007f')
            {
                i++;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) && IsPrint(s, i))
            {
                i += 2;
            }
            else if (c >= 0x80 && !char.IsSurrogate(c) && IsPrint(s, i))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        if (i == s.Length)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length + 16);
        sb.Append(s, 0, i);
        AppendEscaped(sb, s, i, s.Length, quotes: false);
        return sb.ToString();
    }

    /// <summary>Cuts a text to at most <paramref name="maxChars"/> characters, marking what was left out.</summary>
    /// <param name="s">The text.</param>
    /// <param name="maxChars">The most characters kept.</param>
    /// <returns>The text, or its head followed by <c>...(truncated N bytes)</c>.</returns>
    public static string Clip(string s, int maxChars = MaxMessagePartChars)
    {
        if (s.Length <= maxChars)
        {
            return s;
        }

        var cut = maxChars;
        if (cut > 0 && char.IsHighSurrogate(s[cut - 1]) && char.IsLowSurrogate(s[cut]))
        {
            cut--;
        }

        var sb = new StringBuilder(cut + 32).Append(s, 0, cut);
        return AppendMarker(sb, Utf8Length(s) - Utf8Length(s.Substring(0, cut))).ToString();
    }

    /// <summary>Whether Go's <c>strconv.IsPrint</c> holds for the rune at an index.</summary>
    /// <param name="s">The text.</param>
    /// <param name="index">The index of the rune (of its high surrogate for a pair).</param>
    /// <returns>True for letters, marks, numbers, punctuation, symbols and the ASCII space.</returns>
    public static bool IsPrint(string s, int index)
    {
        var c = s[index];
        if (c < 0x80)
        {
            return c >= ' ' && c < '\u007f';
        }

        switch (CharUnicodeInfo.GetUnicodeCategory(s, index))
        {
            case UnicodeCategory.SpaceSeparator:
            case UnicodeCategory.LineSeparator:
            case UnicodeCategory.ParagraphSeparator:
            case UnicodeCategory.Control:
            case UnicodeCategory.Format:
            case UnicodeCategory.Surrogate:
            case UnicodeCategory.PrivateUse:
            case UnicodeCategory.OtherNotAssigned:
                return false;
            default:
                return true;
        }
    }

    private static StringBuilder AppendMarker(StringBuilder sb, long bytesLeftOut) =>
        sb.Append("...(truncated ").Append(bytesLeftOut.ToString(CultureInfo.InvariantCulture)).Append(bytesLeftOut == 1 ? " byte)" : " bytes)");

    // The index where the first maxBytes UTF-8 bytes end (never inside a surrogate pair), and their count.
    private static int CutAtBytes(string s, int maxBytes, out int keptBytes)
    {
        keptBytes = 0;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            int width;
            int bytes;
            if (c < 0x80)
            {
                width = 1;
                bytes = 1;
            }
            else if (c < 0x800)
            {
                width = 1;
                bytes = 2;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                width = 2;
                bytes = 4;
            }
            else
            {
                width = 1;
                bytes = 3; // BMP, or a lone surrogate (encoded as U+FFFD)
            }

            if (keptBytes + bytes > maxBytes)
            {
                return i;
            }

            keptBytes += bytes;
            i += width;
        }

        return i;
    }

    private static long Utf8Length(string s) => Encoding.UTF8.GetByteCount(s);

    private static void AppendEscaped(StringBuilder sb, string s, int from, int to, bool quotes)
    {
        for (var i = from; i < to; i++)
        {
            var c = s[i];
            if (quotes && (c == '"' || c == '\\'))
            {
                sb.Append('\\').Append(c);
                continue;
            }

            if (c >= ' ' && c < '\u007f')
            {
                sb.Append(c);
                continue;
            }

            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < to && char.IsLowSurrogate(s[i + 1]))
                {
                    if (IsPrint(s, i))
                    {
                        sb.Append(c).Append(s[i + 1]);
                    }
                    else
                    {
                        AppendHex(sb, "\\U", char.ConvertToUtf32(c, s[i + 1]), 8);
                    }

                    i++;
                }
                else
                {
                    sb.Append('\uFFFD');
                }

                continue;
            }

            if (c >= 0x80 && IsPrint(s, i))
            {
                sb.Append(c);
                continue;
            }

            switch (c)
            {
                case '\a':
                    sb.Append("\\a");
                    break;
                case '\b':
                    sb.Append("\\b");
                    break;
                case '\f':
                    sb.Append("\\f");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\v':
                    sb.Append("\\v");
                    break;
                default:
                    if (c < ' ' || c == '\u007f')
                    {
                        AppendHex(sb, "\\x", c, 2);
                    }
                    else
                    {
                        AppendHex(sb, "\\u", c, 4);
                    }

                    break;
            }
        }
    }

    private static void AppendHex(StringBuilder sb, string prefix, int value, int digits)
    {
        sb.Append(prefix);
        for (var shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        {
            sb.Append(Hex[(value >> shift) & 0xF]);
        }
    }
}
