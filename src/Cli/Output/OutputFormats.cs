using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using DaemonLint.Cli.Commands;

namespace DaemonLint.Cli.Output;

/// <summary>What the output options of <c>validate</c> ask of every format.</summary>
public sealed record OutputOptions
{
    /// <summary>The default SARIF category: <c>runs[].automationDetails.id</c> when <c>--sarif-category</c> is not given.</summary>
    public const string DefaultSarifCategory = "daemonlint/validate/";

    /// <summary>Gets the defaults.</summary>
    public static OutputOptions Default { get; } = new();

    /// <summary>Gets a value indicating whether the longer form is asked for (<c>--verbose</c>): hints and help links under each finding.</summary>
    public bool Verbose { get; init; }

    /// <summary>Gets the SARIF <c>automationDetails.id</c> (a category ending with '/', as GitHub code scanning reads it).</summary>
    public string SarifCategory { get; init; } = DefaultSarifCategory;
}

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

    private static readonly Dictionary<string, Func<OutputOptions, IOutputFormatter>> WithOptions = new(StringComparer.Ordinal)
    {
        ["text"] = o => new TextFormatter { Verbose = o.Verbose },
        ["json"] = _ => new JsonFormatter(),
        ["sarif"] = o => new SarifFormatter { Category = o.SarifCategory },
        ["junit"] = _ => new JUnitFormatter(),
        ["github"] = o => new GitHubFormatter { Verbose = o.Verbose },
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

    /// <summary>Gets a formatter with the output options.</summary>
    /// <param name="name">The name.</param>
    /// <param name="options">The output options.</param>
    /// <returns>The formatter.</returns>
    public static IOutputFormatter Get(string name, OutputOptions options) => WithOptions[name](options);

    /// <summary>Writes a run in every requested format, each to standard output or its file.</summary>
    /// <param name="run">The run.</param>
    /// <param name="outputs">The formats and files.</param>
    /// <param name="cli">The streams and current folder.</param>
    /// <param name="options">The output options (default: <see cref="OutputOptions.Default"/>).</param>
    /// <returns>False when a file could not be written (reported on standard error).</returns>
    public static bool WriteAll(ValidationRun run, IEnumerable<(string Format, string? File)> outputs, CliContext cli, OutputOptions? options = null)
    {
        foreach (var (format, output) in outputs)
        {
            var formatter = Get(format, options ?? OutputOptions.Default);
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
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                cli.Note($"cannot write {output}: {ex.Message}");
                return false;
            }
        }

        return true;
    }
}
