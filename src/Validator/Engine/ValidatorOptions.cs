using System;
using DaemonLint.Model;

namespace DaemonLint.Engine;

/// <summary>Options of a validation run. Hosts fill them from their configuration.</summary>
public sealed record ValidatorOptions
{
    /// <summary>
    /// Gets a value indicating whether the target clusters enable user namespaces (feature gate UserNamespacesSupport), so
    /// <c>hostUsers: false</c> is kept and checked against the host namespaces. Off by default: without the gate the
    /// server drops <c>hostUsers</c>.
    /// </summary>
    public bool UserNamespaces { get; init; }

    /// <summary>Gets the default options.</summary>
    public static ValidatorOptions Default { get; } = new();

    /// <summary>
    /// Gets a severity override per rule and file (editorconfig, command line); null means the catalog default.
    /// Returning <see cref="Severity.None"/> turns the rule off for that file.
    /// </summary>
    public Func<string, string?, Severity?>? SeverityOverride { get; init; }

    /// <summary>Gets the node inventory (<c>--nodes</c>) placement rules check DaemonSets against; null when none was given.</summary>
    public Placement.NodeInventory? Nodes { get; init; }

    /// <summary>Gets the <c>.daemonlint.yaml</c> ignore entries in force, or null.</summary>
    public SuppressionConfig? Suppressions { get; init; }

    /// <summary>Gets the map from a finding's file to its path relative to the configuration's folder, for path globs.</summary>
    public Func<string?, string?>? SuppressionPath { get; init; }

    /// <summary>Gets the input limits.</summary>
    public Yaml.ReaderLimits Limits { get; init; } = Yaml.ReaderLimits.Default;

    /// <summary>
    /// Gets a value indicating whether the cluster allows privileged containers (kube-apiserver <c>--allow-privileged</c>,
    /// true by default). When false, <c>securityContext.privileged: true</c> is rejected (DS1320).
    /// </summary>
    public bool AllowPrivileged { get; init; } = true;
}
