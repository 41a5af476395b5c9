using System;
using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>
/// A <c>.daemonlint.yaml</c> file: the cluster settings of the files under it and its <c>ignore:</c> entries.
/// <code>
/// kubernetesVersion: "1.31"       # the cluster's release (default: the newest DaemonLint knows)
/// featureGates:                   # the cluster's kube-apiserver --feature-gates (or "A=true,B=false")
///   UserNamespacesSupport: true
/// namespace: kube-system          # objects without metadata.namespace are compared with the baseline there
/// disallowPrivileged: true        # the cluster runs kube-apiserver --allow-privileged=false
/// userNamespaces: true            # the cluster has user namespaces on
/// ignore:
///   - rules: [DS5001]
///     paths: ["vendor/**"]
///     reason: upstream chart
/// </code>
/// </summary>
public sealed class ConfigurationFile
{
    /// <summary>The file name looked for.</summary>
    public const string FileName = SuppressionConfig.FileName;

    // One entry per top-level key: adding a setting is one line here and one member of ClusterOptions.
    private static readonly Dictionary<string, Action<ConfigurationFile, MappingEntry, List<InputProblem>>> Keys = new(StringComparer.Ordinal)
    {
        ["ignore"] = (c, e, p) => c.Suppressions.AddIgnoreEntries(e.Value, p),
        ["namespace"] = (c, e, p) =>
        {
            if (Text(e, p) is { } ns)
            {
                if (ClusterOptions.IsValidNamespace(ns, out var error))
                {
                    c.Cluster = c.Cluster with { Namespace = ns };
                }
                else
                {
                    p.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, error!, e.Value.Span));
                }
            }
        },
        ["kubernetesVersion"] = (c, e, p) =>
        {
            if (e.Value is ScalarNode { Type: ScalarType.String or ScalarType.Float or ScalarType.Int } v)
            {
                if (ClusterOptions.TryParseRelease(v.Raw, out var release, out var error))
                {
                    c.Cluster = c.Cluster with { KubernetesVersion = release };
                    c.ReleaseSpan = e.Value.Span;
                }
                else
                {
                    p.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "kubernetesVersion: " + error, e.Value.Span));
                }
            }
            else
            {
                p.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "kubernetesVersion must be a release such as \"1.32\"", e.Value.Span));
            }
        },
        ["featureGates"] = (c, e, p) =>
        {
            if (FeatureGates(e, p) is { } gates)
            {
                c.Cluster = c.Cluster with { FeatureGates = gates };
                c.FeatureGatesSpan = e.Value.Span;
            }
        },
        ["disallowPrivileged"] = (c, e, p) => c.Cluster = c.Cluster with { DisallowPrivileged = Switch(e, p) },
        ["userNamespaces"] = (c, e, p) => c.Cluster = c.Cluster with { UserNamespaces = Switch(e, p) },
    };

    private ConfigurationFile(SourceFile file)
    {
        this.File = file;
        this.Folder = System.IO.Path.GetDirectoryName(file.FullPath!)!;
        this.Suppressions = new SuppressionConfig { File = file.DisplayName };
    }

    /// <summary>Gets the file.</summary>
    public SourceFile File { get; }

    /// <summary>Gets the folder the file is in (its path globs are relative to it).</summary>
    public string Folder { get; }

    /// <summary>Gets the ignore entries.</summary>
    public SuppressionConfig Suppressions { get; }

    /// <summary>Gets the cluster settings the file makes.</summary>
    public ClusterOptions Cluster { get; private set; } = ClusterOptions.None;

    /// <summary>Gets where the file sets <c>kubernetesVersion</c>, if it does.</summary>
    public SourceSpan? ReleaseSpan { get; private set; }

    /// <summary>Gets where the file sets <c>featureGates</c>, if it does.</summary>
    public SourceSpan? FeatureGatesSpan { get; private set; }

    /// <summary>Gets the problems of the file (DS9009, located), which make the run a configuration error.</summary>
    public List<InputProblem> Problems { get; } = new();

    /// <summary>Reads a configuration file; never throws for a bad one (its problems say what is wrong).</summary>
    /// <param name="file">The file (a file on disk).</param>
    /// <param name="reader">The reader.</param>
    /// <returns>The configuration.</returns>
    public static ConfigurationFile Load(SourceFile file, InputReader reader) => FromRead(file, reader.ReadObjects(file));

    /// <summary>Reads a configuration text a host already has (an analyzer's AdditionalFile, an editor's buffer); no file is opened.</summary>
    /// <param name="fullPath">The file's full path.</param>
    /// <param name="displayName">The name findings show.</param>
    /// <param name="text">The text.</param>
    /// <returns>The configuration.</returns>
    public static ConfigurationFile Parse(string fullPath, string displayName, string text)
    {
        var file = new SourceFile(displayName, fullPath);
        var reader = new InputReader(System.IO.Path.GetDirectoryName(fullPath) ?? fullPath);
        return FromRead(file, reader.ParseObjects(file, new ReadResult(System.Text.Encoding.UTF8.GetBytes(text), null)));
    }

    private static ConfigurationFile FromRead(SourceFile file, ObjectsResult read)
    {
        var config = new ConfigurationFile(file);
        foreach (var p in read.Problems)
        {
            config.Problems.Add(InputProblems.AsConfiguration(p));
        }

        foreach (var obj in read.Objects)
        {
            foreach (var e in obj.Root.Entries)
            {
                if (Keys.TryGetValue(e.Key, out var apply))
                {
                    apply(config, e, config.Problems);
                }
                else
                {
                    config.Problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"unknown configuration key '{e.Key}' (expected: {string.Join(", ", Keys.Keys)})", e.KeySpan));
                }
            }
        }

        // The gates must be valid for the release in force: the file's own, or the default (a host's release is
        // checked again when the settings are layered, see Workspace).
        if (config.Cluster.FeatureGates is not null && !config.Cluster.TryResolve(out var gateError))
        {
            config.Problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "featureGates: " + gateError, config.FeatureGatesSpan ?? SourceSpan.None));
            config.Cluster = config.Cluster with { FeatureGates = null };
        }

        return config;
    }

    // featureGates: a mapping of gate names to true/false, or the kube-apiserver's text "A=true,B=false".
    private static IReadOnlyList<KeyValuePair<string, bool>>? FeatureGates(MappingEntry e, List<InputProblem> problems)
    {
        if (e.Value is ScalarNode { Type: ScalarType.String } s)
        {
            if (ClusterOptions.TryParseGates(s.Raw, out var pairs, out var error))
            {
                return pairs;
            }

            problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "featureGates: " + error, e.Value.Span));
            return null;
        }

        if (e.Value is MappingNode m)
        {
            var list = new List<KeyValuePair<string, bool>>();
            foreach (var g in m.Entries)
            {
                if (g.Value is ScalarNode { Type: ScalarType.Bool } b)
                {
                    list.Add(new KeyValuePair<string, bool>(g.Key, b.BoolValue));
                }
                else
                {
                    problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"featureGates: {g.Key} must be true or false", g.Value.Span));
                    return null;
                }
            }

            return list;
        }

        problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, "featureGates must be a mapping of gate names to true or false (or \"Gate=true,Other=false\")", e.Value.Span));
        return null;
    }

    private static string? Text(MappingEntry e, List<InputProblem> problems)
    {
        if (e.Value is ScalarNode { Type: ScalarType.String } s)
        {
            return s.Raw;
        }

        problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"{e.Key} must be a string", e.Value.Span));
        return null;
    }

    private static bool? Switch(MappingEntry e, List<InputProblem> problems)
    {
        if (e.Value is ScalarNode { Type: ScalarType.Bool } b)
        {
            return b.BoolValue;
        }

        problems.Add(new InputProblem(RuleCatalog.DS9009_ConfigurationError.Id, $"{e.Key} must be true or false", e.Value.Span));
        return null;
    }
}
