using System;
using System.Collections.Generic;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Parity;

/// <summary>The cluster the comparison assumes, given to both tools.</summary>
/// <param name="KubernetesVersion">The release (<c>1.32</c>), or null for the core's default.</param>
/// <param name="FeatureGates">The <c>Gate=bool,...</c> overrides, or null.</param>
/// <param name="Namespace">The request namespace for documents without one.</param>
/// <param name="AllowPrivileged">kube-apiserver <c>--allow-privileged</c>.</param>
internal sealed record ClusterSettings(string? KubernetesVersion, string? FeatureGates, string Namespace = "default", bool AllowPrivileged = true);

/// <summary>
/// The only place the harness is a host of the core: it builds the validator options for the cluster settings and runs
/// the core in-process on one document, with its stored old version as the baseline for updates, the way
/// <c>daemonlint validate --baseline OLD.yaml NEW.yaml</c> does. Kept to this one file so it can move onto the shared
/// host layer (<c>src/Hosting</c>) when that exists.
/// </summary>
internal sealed class CoreHost
{
    private readonly ManifestValidator validator;

    /// <summary>Initializes a new instance of the <see cref="CoreHost"/> class.</summary>
    public CoreHost(ClusterSettings cluster)
    {
        // Default severities (no editorconfig, no .daemonlint.yaml); the cluster the oracle is run with: its release and
        // the same --feature-gates text, parsed as kube-apiserver parses it.
        var options = new ValidatorOptions { AllowPrivileged = cluster.AllowPrivileged };
        if (cluster.KubernetesVersion is not null)
        {
            options = options with { KubernetesVersion = DaemonLint.Releases.KubernetesRelease.Parse(cluster.KubernetesVersion) };
        }

        if (cluster.FeatureGates is not null)
        {
            if (!DaemonLint.Releases.FeatureGateSet.TryParse(cluster.FeatureGates, out var gates, out var error))
            {
                throw new ArgumentException("--feature-gates: " + error);
            }

            options = options with { FeatureGates = gates };
        }

        if (!options.TryResolveGates(out var resolved, out var resolveError))
        {
            throw new ArgumentException("--feature-gates: " + resolveError);
        }

        this.validator = new ManifestValidator(options);
        this.Settings = $"validated as Kubernetes {resolved.Release}" + (resolved.Overrides.Count == 0 ? " with its default feature gates" : $" with --feature-gates {resolved}");
    }

    /// <summary>Gets the release and gates the core validated with, for the report.</summary>
    public string Settings { get; }

    /// <summary>Validates one document.</summary>
    /// <param name="file">The file name to put on findings.</param>
    /// <param name="text">The document.</param>
    /// <param name="oldFile">The stored version's file name (updates), or null.</param>
    /// <param name="oldText">The stored version (updates), or null.</param>
    /// <returns>The findings and whether a DaemonSet-like object was checked.</returns>
    public CoreResult Validate(string file, string text, string? oldFile, string? oldText)
    {
        BaselineIndex? baseline = null;
        if (oldText is not null)
        {
            baseline = BaselineIndex.Empty.With(oldFile, Encoding.UTF8.GetBytes(oldText), ReaderLimits.Default);
        }

        var report = this.validator.ValidateText(file, text, baseline);
        return new CoreResult(report.Findings, report.DaemonSets > 0);
    }
}

/// <summary>What the core said about one document.</summary>
/// <param name="Findings">All findings (every severity).</param>
/// <param name="Checked">Whether the document was a DaemonSet-like object the rules ran on.</param>
internal sealed record CoreResult(IReadOnlyList<Finding> Findings, bool Checked);
