using System.IO;
using DaemonLint.Cli.Commands;
using DaemonLint.Hosting;
using DaemonLint.Model;

namespace DaemonLint.Cli.Output;

/// <summary>
/// The canonical compiler form, <c>file(line,col): error DS1001: message [path]</c>, and a summary line. With
/// <see cref="Verbose"/>, each finding's hint and help link follow on indented lines.
/// </summary>
public sealed class TextFormatter : IOutputFormatter
{
    /// <summary>Gets a value indicating whether each finding's hint and help link follow it (<c>--verbose</c>).</summary>
    public bool Verbose { get; init; }

    /// <summary>Formats one finding as one line (the host layer's canonical line).</summary>
    /// <param name="f">The finding.</param>
    /// <returns>The line.</returns>
    public static string FormatLine(Finding f) => FindingText.Line(f);

    /// <inheritdoc />
    public void Write(ValidationRun run, TextWriter writer)
    {
        foreach (var f in run.Findings)
        {
            writer.WriteLine(FormatLine(f));
            if (this.Verbose)
            {
                foreach (var line in FindingText.DetailLines(f))
                {
                    writer.WriteLine(line);
                }
            }
        }

        writer.WriteLine(Summary(run));
    }

    /// <summary>The summary line.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The text.</returns>
    public static string Summary(ValidationRun run)
    {
        static string Plural(int n, string word) => n == 1 ? $"{n} {word}" : $"{n} {word}s";
        return $"{Plural(run.Files, "file")}, {Plural(run.Objects, "object")}, {Plural(run.DaemonSets, "DaemonSet")}: "
            + $"{Plural(run.Count(Severity.Error), "error")}, {Plural(run.Count(Severity.Warning), "warning")}, {Plural(run.Count(Severity.Info), "info")}";
    }
}
