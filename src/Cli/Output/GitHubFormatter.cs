using System.Globalization;
using System.IO;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Cli.Commands;
using DaemonLint.Model;

namespace DaemonLint.Cli.Output;

/// <summary>
/// GitHub Actions workflow commands, one per finding, which the runner turns into annotations on the pull request:
/// <c>::error file=ds.yaml,line=12,col=7,endLine=12,endColumn=20,title=DS1002 Selector is required in apps/v1::message [path]</c>.
/// Then the summary line.
/// </summary>
public sealed class GitHubFormatter : IOutputFormatter
{
    /// <summary>Gets a value indicating whether each annotation's message also holds the hint (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Escapes a command's data (the message): <c>%</c>, CR and LF.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeData(string text) =>
        text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    /// <summary>Escapes a command property value: as data, plus <c>:</c> and <c>,</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A").Replace(",", "%2C");

    /// <summary>Formats one finding as one workflow command.</summary>
    /// <param name="f">The finding.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(Finding f) => FormatLine(f, verbose: false);

    /// <summary>Formats one finding as one workflow command, with the hint on the annotation's second line when asked.</summary>
    /// <param name="f">The finding.</param>
    /// <param name="verbose">Whether to add the hint.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(Finding f, bool verbose)
    {
        var command = f.Severity switch
        {
            Severity.Error => "error",
            Severity.Warning => "warning",
            _ => "notice",
        };

        var sb = new StringBuilder("::").Append(command).Append(' ');
        var first = true;

        void Property(string name, string value)
        {
            sb.Append(first ? string.Empty : ",").Append(name).Append('=').Append(EscapeProperty(value));
            first = false;
        }

        if (f.File is { } file && file != "<stdin>")
        {
            Property("file", file);
        }

        if (f.Span.IsKnown)
        {
            Property("line", Num(f.Span.Start.Line));
            Property("col", Num(f.Span.Start.Column));
            // Annotations take an end column only on the start line (GitHub's checks API): a span over several lines
            // is shown at its start.
            var end = f.Span.End;
            if (end.Line == f.Span.Start.Line && end.Column > f.Span.Start.Column)
            {
                Property("endLine", Num(end.Line));
                Property("endColumn", Num(end.Column));
            }
        }

        var title = RuleCatalog.TryGet(f.RuleId, out var d) ? $"{f.RuleId} {d.Title}" : f.RuleId;
        Property("title", title);
        var message = Hosting.FindingText.Message(f);
        if (verbose && f.Hint is { Length: > 0 } hint)
        {
            message += "\n" + hint;
        }

        sb.Append("::").Append(EscapeData(message));
        return sb.ToString();
    }

    /// <inheritdoc />
    public void Write(ValidationRun run, TextWriter writer)
    {
        foreach (var f in run.Findings)
        {
            writer.WriteLine(FormatLine(f, this.Verbose));
        }

        writer.WriteLine(TextFormatter.Summary(run));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
