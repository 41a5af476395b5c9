using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DaemonLint.Cli.Commands;

namespace DaemonLint.Cli.Output;

/// <summary>An output format of <c>daemonlint validate</c>.</summary>
public interface IOutputFormatter
{
    /// <summary>Writes the run.</summary>
    /// <param name="run">The run.</param>
    /// <param name="writer">Where to.</param>
    void Write(ValidationRun run, TextWriter writer);
}

/// <summary>The registry of output formats.</summary>
public static class OutputFormats
{
    private static readonly Dictionary<string, Func<IOutputFormatter>> Formats = new(StringComparer.Ordinal)
    {
        ["text"] = () => new TextFormatter(),
        ["json"] = () => new JsonFormatter(),
        ["sarif"] = () => new SarifFormatter(),
        ["junit"] = () => new JUnitFormatter(),
        ["github"] = () => new GitHubFormatter(),
    };

    /// <summary>Whether a format name is known.</summary>
    /// <param name="name">The name.</param>
    /// <returns>True when known.</returns>
    public static bool IsKnown(string name) => Formats.ContainsKey(name);

    /// <summary>Gets the known format names.</summary>
    public static IEnumerable<string> Names => Formats.Keys;

    /// <summary>Gets a formatter.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The formatter.</returns>
    public static IOutputFormatter Get(string name) => Formats[name]();

    /// <summary>Writes a run in every requested format, each to standard output or its file.</summary>
    /// <param name="run">The run.</param>
    /// <param name="outputs">The formats and files.</param>
    /// <param name="cli">The streams and current folder.</param>
    /// <returns>False when a file could not be written (reported on standard error).</returns>
    public static bool WriteAll(ValidationRun run, IEnumerable<(string Format, string? File)> outputs, CliContext cli)
    {
        foreach (var (format, output) in outputs)
        {
            var formatter = Get(format);
            if (output is null)
            {
                formatter.Write(run, cli.Stdout);
                continue;
            }

            try
            {
                using var w = new StreamWriter(cli.FullPath(output), append: false, new UTF8Encoding(false));
                formatter.Write(run, w);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
            {
                cli.Note($"cannot write {Hosting.HostText.Name(output)}: {Hosting.HostText.Describe(ex)}");
                return false;
            }
        }

        return true;
    }
}
