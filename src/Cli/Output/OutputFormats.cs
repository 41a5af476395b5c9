using System;
using System.Collections.Generic;
using System.IO;
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
}
