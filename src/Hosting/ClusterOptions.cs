using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Releases;

namespace DaemonLint.Hosting;

/// <summary>
/// What the target cluster does that changes the verdict, given the same way by every host: the CLI's options
/// (<c>--kubernetes-version</c>, <c>--feature-gates</c>, <c>--disallow-privileged</c>, <c>--user-namespaces</c>,
/// <c>--namespace</c>), the MSBuild properties (<c>DaemonLintKubernetesVersion</c>, <c>DaemonLintFeatureGates</c>,
/// <c>DaemonLintDisallowPrivileged</c>, <c>DaemonLintUserNamespaces</c>, <c>DaemonLintNamespace</c>), the analyzers'
/// compiler-visible properties of the same names, and the keys of <c>.daemonlint.yaml</c> (<c>kubernetesVersion</c>,
/// <c>featureGates</c>, <c>disallowPrivileged</c>, <c>userNamespaces</c>, <c>namespace</c>). A null member is not set at
/// that level: a host's setting wins over the file's, the file's over the default (<see cref="Over"/>); feature gates
/// add up, the host's winning for a gate both name.
/// </summary>
/// <remarks>A new setting is added here, to <see cref="Over"/> and <see cref="ApplyTo"/>, and to <see cref="ClusterSetting"/>'s
/// table, and every host takes it with no plumbing of its own.</remarks>
public sealed record ClusterOptions
{
    /// <summary>The namespace of objects that name none, when nothing sets it (as <c>kubectl</c>).</summary>
    public const string DefaultNamespace = "default";

    /// <summary>Gets options that set nothing.</summary>
    public static ClusterOptions None { get; } = new();

    /// <summary>Gets the Kubernetes release of the cluster (default: the newest the tool has data for).</summary>
    public KubernetesRelease? KubernetesVersion { get; init; }

    /// <summary>Gets the feature-gate overrides of the cluster's kube-apiserver (<c>--feature-gates</c>), in order.</summary>
    public IReadOnlyList<KeyValuePair<string, bool>>? FeatureGates { get; init; }

    /// <summary>Gets whether the cluster runs kube-apiserver with <c>--allow-privileged=false</c> (DS1320).</summary>
    public bool? DisallowPrivileged { get; init; }

    /// <summary>Gets whether the cluster has user namespaces on (feature gate UserNamespacesSupport): <c>hostUsers: false</c> rules apply.</summary>
    public bool? UserNamespaces { get; init; }

    /// <summary>Gets the namespace objects without <c>metadata.namespace</c> are applied to (<c>kubectl apply -n</c>), for baseline matching.</summary>
    public string? Namespace { get; init; }

    /// <summary>Gets the namespace in force.</summary>
    public string EffectiveNamespace => string.IsNullOrEmpty(this.Namespace) ? DefaultNamespace : this.Namespace!;

    /// <summary>Layers these options over lower-precedence ones: what is set here wins.</summary>
    /// <param name="lower">The lower level (a configuration file's), or null.</param>
    /// <returns>The combined options.</returns>
    public ClusterOptions Over(ClusterOptions? lower) => lower is null ? this : new ClusterOptions
    {
        KubernetesVersion = this.KubernetesVersion ?? lower.KubernetesVersion,
        FeatureGates = lower.FeatureGates is null ? this.FeatureGates : this.FeatureGates is null ? lower.FeatureGates : lower.FeatureGates.Concat(this.FeatureGates).ToList(),
        DisallowPrivileged = this.DisallowPrivileged ?? lower.DisallowPrivileged,
        UserNamespaces = this.UserNamespaces ?? lower.UserNamespaces,
        Namespace = this.Namespace ?? lower.Namespace,
    };

    /// <summary>Puts the options into the core's options.</summary>
    /// <param name="options">The options to start from.</param>
    /// <returns>The core's options with the cluster settings.</returns>
    public ValidatorOptions ApplyTo(ValidatorOptions options) => options with
    {
        KubernetesVersion = this.KubernetesVersion ?? options.KubernetesVersion,
        FeatureGates = this.FeatureGates ?? options.FeatureGates,
        AllowPrivileged = this.DisallowPrivileged != true,
        UserNamespaces = this.UserNamespaces == true,
    };

    /// <summary>Checks that the feature gates are valid for the release (both as set at this level or, unset, the default).</summary>
    /// <param name="error">The kube-apiserver's message for an unknown or locked gate, or null.</param>
    /// <returns>True when valid.</returns>
    public bool TryResolve(out string? error) => this.ApplyTo(new ValidatorOptions()).TryResolveGates(out _, out error);

    /// <summary>Reads a Kubernetes release setting (<c>1.31</c>, <c>v1.31</c>, <c>1.31.2</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="release">The release.</param>
    /// <param name="error">Why it is not one DaemonLint supports.</param>
    /// <returns>True when it names a supported release.</returns>
    public static bool TryParseRelease(string text, out KubernetesRelease release, out string? error) => KubernetesRelease.TryParse(text.Trim(), out release, out error);

    /// <summary>Reads feature gates in the kube-apiserver's syntax (<c>Gate1=true,Gate2=false</c>).</summary>
    /// <param name="text">The text.</param>
    /// <param name="gates">The pairs.</param>
    /// <param name="error">The kube-apiserver's message for a bad pair.</param>
    /// <returns>True when the text parsed.</returns>
    public static bool TryParseGates(string text, out IReadOnlyList<KeyValuePair<string, bool>> gates, out string? error) => FeatureGateSet.TryParse(text, out gates, out error);

    /// <summary>Reads a namespace setting, which must be a DNS label as the API server requires of namespaces.</summary>
    /// <param name="text">The text.</param>
    /// <param name="error">Why it is not one.</param>
    /// <returns>True when it is a valid namespace name.</returns>
    public static bool IsValidNamespace(string text, out string? error)
    {
        error = null;
        if (text.Length is 0 or > 63)
        {
            error = $"namespace '{text}' must be 1-63 characters";
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && i > 0 && i < text.Length - 1);
            if (!ok)
            {
                error = $"namespace '{text}' must be a DNS label: lower-case letters, digits and '-', starting and ending with a letter or digit";
                return false;
            }
        }

        return true;
    }

    /// <summary>Reads an on/off setting as MSBuild properties and configuration files write it.</summary>
    /// <param name="text">The text (<c>true</c>, <c>false</c>, empty).</param>
    /// <param name="value">The value, or null when empty.</param>
    /// <returns>False when the text is neither empty nor a boolean.</returns>
    public static bool TryParseSwitch(string? text, out bool? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        switch (text!.Trim().ToLowerInvariant())
        {
            case "true":
                value = true;
                return true;
            case "false":
                value = false;
                return true;
            default:
                return false;
        }
    }
}

/// <summary>The names of each cluster setting in every host, so that hosts and docs name them alike.</summary>
public static class ClusterSetting
{
    /// <summary>The settings: the <c>.daemonlint.yaml</c> key, the MSBuild property, the CLI option.</summary>
    public static readonly (string ConfigKey, string MsBuildProperty, string CliOption)[] All =
    {
        ("kubernetesVersion", "DaemonLintKubernetesVersion", "--kubernetes-version"),
        ("featureGates", "DaemonLintFeatureGates", "--feature-gates"),
        ("disallowPrivileged", "DaemonLintDisallowPrivileged", "--disallow-privileged"),
        ("userNamespaces", "DaemonLintUserNamespaces", "--user-namespaces"),
        ("namespace", "DaemonLintNamespace", "--namespace"),
    };

    /// <summary>
    /// Reads the settings from name/value pairs (MSBuild properties, analyzer config options): empty values set nothing.
    /// </summary>
    /// <param name="get">Returns a property's value by its MSBuild name, or null.</param>
    /// <param name="error">What is wrong with a value.</param>
    /// <returns>The options, or null with <paramref name="error"/> set.</returns>
    public static ClusterOptions? FromProperties(Func<string, string?> get, out string? error)
    {
        error = null;
        KubernetesRelease? release = null;
        if (get("DaemonLintKubernetesVersion") is { } versionText && !string.IsNullOrWhiteSpace(versionText))
        {
            if (!ClusterOptions.TryParseRelease(versionText, out var r, out var versionError))
            {
                error = "DaemonLintKubernetesVersion: " + versionError;
                return null;
            }

            release = r;
        }

        IReadOnlyList<KeyValuePair<string, bool>>? gates = null;
        if (get("DaemonLintFeatureGates") is { } gatesText && !string.IsNullOrWhiteSpace(gatesText))
        {
            if (!ClusterOptions.TryParseGates(gatesText, out var pairs, out var gatesError))
            {
                error = "DaemonLintFeatureGates: " + gatesError;
                return null;
            }

            gates = pairs;
        }

        if (!ClusterOptions.TryParseSwitch(get("DaemonLintDisallowPrivileged"), out var disallow))
        {
            error = $"DaemonLintDisallowPrivileged must be true or false, not '{get("DaemonLintDisallowPrivileged")}'";
            return null;
        }

        if (!ClusterOptions.TryParseSwitch(get("DaemonLintUserNamespaces"), out var userNamespaces))
        {
            error = $"DaemonLintUserNamespaces must be true or false, not '{get("DaemonLintUserNamespaces")}'";
            return null;
        }

        var ns = get("DaemonLintNamespace")?.Trim();
        if (!string.IsNullOrEmpty(ns) && !ClusterOptions.IsValidNamespace(ns!, out var nsError))
        {
            error = "DaemonLintNamespace: " + nsError;
            return null;
        }

        var cluster = new ClusterOptions { KubernetesVersion = release, FeatureGates = gates, DisallowPrivileged = disallow, UserNamespaces = userNamespaces, Namespace = string.IsNullOrEmpty(ns) ? null : ns };
        if (!cluster.TryResolve(out var resolveError))
        {
            error = "DaemonLintFeatureGates: " + resolveError;
            return null;
        }

        return cluster;
    }
}
