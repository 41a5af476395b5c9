using System;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>Options of a validation run. Hosts fill them from their configuration.</summary>
public sealed record ValidatorOptions
{
    /// <summary>Gets the default options.</summary>
    public static ValidatorOptions Default { get; } = new();

    /// <summary>
    /// Gets a severity override per rule and file (editorconfig, command line); null means the catalog default.
    /// Returning <see cref="Severity.None"/> turns the rule off for that file.
    /// </summary>
    public Func<string, string?, Severity?>? SeverityOverride { get; init; }

    /// <summary>Gets the node inventory (<c>--nodes</c>) placement rules check DaemonSets against; null when none was given.</summary>
    public Placement.NodeInventory? Nodes { get; init; }

    /// <summary>Gets the input limits.</summary>
    public Yaml.ReaderLimits Limits { get; init; } = Yaml.ReaderLimits.Default;
}
