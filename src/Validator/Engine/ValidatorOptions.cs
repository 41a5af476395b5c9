using System;
using System.Collections.Generic;
using DaemonLint.Model;
using DaemonLint.Releases;

namespace DaemonLint.Engine;

/// <summary>Options of a validation run. Hosts fill them from their configuration.</summary>
public sealed record ValidatorOptions
{
    /// <summary>
    /// Gets a value indicating whether the target clusters enable user namespaces. Setting it is an alias of the feature
    /// gate override <c>UserNamespacesSupport=true</c> (<c>UserNamespacesStatelessPodsSupport=true</c> in 1.27), kept for
    /// the <c>--user-namespaces</c> option and fixture headers; an explicit override of that gate in
    /// <see cref="FeatureGates"/> wins. In <see cref="RuleContext.Options"/> it reads true: the engine has already
    /// dropped <c>hostUsers</c> where the server does, so a <c>hostUsers</c> a rule sees is one the server validates.
    /// </summary>
    public bool UserNamespaces { get; init; }

    /// <summary>
    /// Gets the Kubernetes release whose schema, feature-gate defaults and validation options apply. The default is the
    /// newest release the tool has data for (<see cref="KubernetesRelease.Default"/>).
    /// </summary>
    public KubernetesRelease KubernetesVersion { get; init; } = KubernetesRelease.Default;

    /// <summary>
    /// Gets the feature-gate overrides on top of the release's defaults, as the apiserver's <c>--feature-gates</c> gives
    /// them (parse that syntax with <see cref="FeatureGateSet.TryParse"/>); null or empty for none. An unknown gate, or a
    /// locked one set to its non-default, is a configuration error (<see cref="TryResolveGates"/>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, bool>>? FeatureGates { get; init; }

    /// <summary>Gets the default options.</summary>
    public static ValidatorOptions Default { get; } = new();

    /// <summary>
    /// Gets a severity override per rule and file (editorconfig, command line); null means the catalog default.
    /// Returning <see cref="Severity.None"/> turns the rule off for that file. It must depend on its arguments only: a
    /// validator asks it once per rule and file and keeps the answer while it validates that file's objects.
    /// </summary>
    public Func<string, string?, Severity?>? SeverityOverride { get; init; }

    /// <summary>
    /// Gets, for a file, an object that stands for its severities: files for which it returns the same object (by reference)
    /// get the same answer from <see cref="SeverityOverride"/> for every rule, so the validator works out once which rules run
    /// on them (a host returns what its severities are looked up in, such as the settings of the <c>.editorconfig</c> sections
    /// that apply). Null, or a null answer: the severities of each file are asked.
    /// </summary>
    public Func<string?, object?>? SeverityScope { get; init; }

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

    /// <summary>
    /// Resolves the effective feature gates: the release's defaults, <see cref="FeatureGates"/>, and the
    /// <see cref="UserNamespaces"/> alias. Hosts call it to report a configuration error before validating.
    /// </summary>
    /// <param name="gates">The effective gates (the release's defaults on error).</param>
    /// <param name="error">The apiserver's message for an unknown or locked gate, or null.</param>
    /// <returns>Whether the overrides are valid for the release.</returns>
    public bool TryResolveGates(out FeatureGateSet gates, out string? error)
    {
        var overrides = new List<KeyValuePair<string, bool>>();
        if (this.UserNamespaces)
        {
            var gate = FeatureGateTable.Get(FeatureGate.UserNamespacesStatelessPodsSupport).StateIn(this.KubernetesVersion).Known
                ? FeatureGate.UserNamespacesStatelessPodsSupport
                : FeatureGate.UserNamespacesSupport;
            var named = false;
            foreach (var kv in this.FeatureGates ?? Array.Empty<KeyValuePair<string, bool>>())
            {
                named |= kv.Key == gate.ToString();
            }

            if (!named)
            {
                overrides.Add(new KeyValuePair<string, bool>(gate.ToString(), true));
            }
        }

        if (this.FeatureGates is { } given)
        {
            overrides.AddRange(given);
        }

        return FeatureGateSet.TryCreate(this.KubernetesVersion, overrides, out gates, out error);
    }
}
