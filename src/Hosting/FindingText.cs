using System.Globalization;
using DaemonLint.Model;

namespace DaemonLint.Hosting;

/// <summary>
/// The canonical text of a finding, written once for every host: the compiler's form
/// <c>file(line,col): severity DSnnnn: message [path]</c>, which editors and CI annotators parse.
/// </summary>
public static class FindingText
{
    /// <summary>The file name shown for a finding that has none.</summary>
    public const string NoFile = "<input>";

    /// <summary>Formats one finding as one line.</summary>
    /// <param name="f">The finding.</param>
    /// <returns><c>file(line,col): severity DSnnnn: message [path]</c>; the position is left out when unknown.</returns>
    public static string Line(Finding f) => $"{Location(f)}: {f.Severity.ToText()} {f.RuleId}: {Message(f)}";

    /// <summary>The indentation of the lines that follow a finding's line in the longer form.</summary>
    public const string DetailIndent = "    ";

    /// <summary>
    /// The lines the longer form (<c>--verbose</c>) prints under a finding's line: <c>    hint: ...</c> when the finding has a
    /// hint, then <c>    help: URL</c> (indented, so that tools that parse the compiler form never take them for findings).
    /// </summary>
    /// <param name="f">The finding.</param>
    /// <returns>The lines, possibly none.</returns>
    public static System.Collections.Generic.IEnumerable<string> DetailLines(Finding f)
    {
        if (f.Hint is { Length: > 0 } hint)
        {
            yield return DetailIndent + "hint: " + hint;
        }

        if (f.HelpUri is { Length: > 0 } help)
        {
            yield return DetailIndent + "help: " + help;
        }
    }

    /// <summary>The location part: <c>file(line,col)</c>, or the file alone when the position is unknown.</summary>
    /// <param name="f">The finding.</param>
    /// <returns>The text.</returns>
    public static string Location(Finding f)
    {
        var location = f.File ?? NoFile;
        return f.Span.IsKnown
            ? location + "(" + f.Span.Start.Line.ToString(CultureInfo.InvariantCulture) + "," + f.Span.Start.Column.ToString(CultureInfo.InvariantCulture) + ")"
            : location;
    }

    /// <summary>The message with the field path it is about: <c>message [path]</c> (the message alone when there is no path).</summary>
    /// <param name="f">The finding.</param>
    /// <returns>The text (what MSBuild logs, what an analyzer diagnostic says, what follows the code in the text line).</returns>
    public static string Message(Finding f) => Message(f.Message, f.Path?.ToString());

    /// <summary>The message with a field path: <c>message [path]</c>.</summary>
    /// <param name="message">The message.</param>
    /// <param name="path">The field path, or null.</param>
    /// <returns>The text.</returns>
    public static string Message(string message, string? path) => path is null ? message : message + " [" + path + "]";
}
