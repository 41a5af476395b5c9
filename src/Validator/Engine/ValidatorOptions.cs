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

    /// <summary>Gets the input limits.</summary>
    public Yaml.ReaderLimits Limits { get; init; } = Yaml.ReaderLimits.Default;

    /// <summary>
    /// Gets a value indicating whether the cluster allows privileged containers (kube-apiserver <c>--allow-privileged</c>,
    /// true by default). When false, <c>securityContext.privileged: true</c> is rejected (DS1320).
    /// </summary>
    public bool AllowPrivileged { get; init; } = true;
}
