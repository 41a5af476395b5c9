using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using DaemonLint.Engine;
using DaemonLint.Releases;

namespace DaemonLint.Tests;

/// <summary>
/// The <c># options:</c> header of a fixture, in either of two spellings that can be mixed:
/// <list type="bullet">
/// <item>CLI flags, as a user passes them: <c># options: --kubernetes-version 1.32 --feature-gates SidecarContainers=false,ImageVolume=true</c>,
/// <c>--user-namespaces</c>, <c>--disallow-privileged</c> (a value may also follow <c>=</c>);</item>
/// <item><see cref="ValidatorOptions"/> properties: <c># options: UserNamespaces=true AllowPrivileged=false KubernetesVersion=1.31</c>
/// (booleans; <c>KubernetesVersion</c> takes a release).</item>
/// </list>
/// An unknown flag, property or bad value fails the test that reads the fixture.
/// </summary>
public static class FixtureOptions
{
    private static readonly Regex Header = new(@"^#\s*options:\s*(?<opts>.+)$", RegexOptions.CultureInvariant | RegexOptions.Multiline);

    /// <summary>The options a fixture's header sets, and the names of the properties it sets (not the release or the gates).</summary>
    /// <param name="Options">The options, or null without a header.</param>
    /// <param name="Properties">The option names other than the release and the gates, in order (<c>UserNamespaces</c>, <c>AllowPrivileged</c>).</param>
    public sealed record Parsed(ValidatorOptions? Options, IReadOnlyList<string> Properties);

    /// <summary>Reads the header of a fixture text.</summary>
    /// <param name="text">The fixture.</param>
    /// <returns>The options and the names set.</returns>
    /// <exception cref="InvalidOperationException">The header names something unknown or has a bad value.</exception>
    public static Parsed Parse(string text)
    {
        var m = Header.Match(text);
        if (!m.Success)
        {
            return new Parsed(null, Array.Empty<string>());
        }

        var options = new ValidatorOptions();
        var properties = new List<string>();
        var gates = new List<KeyValuePair<string, bool>>();
        var tokens = m.Groups["opts"].Value.Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = token.IndexOf('=');
                var flag = eq < 0 ? token : token.Substring(0, eq);
                string Value() => eq >= 0 ? token.Substring(eq + 1) : i + 1 < tokens.Length ? tokens[++i] : throw new InvalidOperationException($"fixture header: {flag} needs a value");
                switch (flag)
                {
                    case "--kubernetes-version":
                        options = options with { KubernetesVersion = Release(Value()) };
                        break;
                    case "--feature-gates":
                        if (!FeatureGateSet.TryParse(Value(), out var pairs, out var error))
                        {
                            throw new InvalidOperationException("fixture header: --feature-gates: " + error);
                        }

                        gates.AddRange(pairs);
                        break;
                    case "--user-namespaces":
                        options = options with { UserNamespaces = true };
                        properties.Add(nameof(ValidatorOptions.UserNamespaces));
                        break;
                    case "--disallow-privileged":
                        options = options with { AllowPrivileged = false };
                        properties.Add(nameof(ValidatorOptions.AllowPrivileged));
                        break;
                    default:
                        throw new InvalidOperationException($"fixture header: unknown flag '{flag}'");
                }

                continue;
            }

            foreach (var pair in token.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = pair.Split(new[] { '=' }, 2);
                var name = kv[0];
                var value = kv.Length < 2 ? "true" : kv[1];
                if (name == nameof(ValidatorOptions.KubernetesVersion))
                {
                    options = options with { KubernetesVersion = Release(value) };
                    continue;
                }

                var prop = typeof(ValidatorOptions).GetProperty(name);
                if (prop is null || prop.PropertyType != typeof(bool))
                {
                    throw new InvalidOperationException($"fixture header: unknown boolean option '{name}'");
                }

                var copy = options with { };
                prop.SetValue(copy, bool.Parse(value));
                options = copy;
                properties.Add(name);
            }
        }

        if (gates.Count > 0)
        {
            options = options with { FeatureGates = gates };
        }

        if (!options.TryResolveGates(out _, out var gateError))
        {
            throw new InvalidOperationException("fixture header: --feature-gates: " + gateError);
        }

        return new Parsed(options, properties);
    }

    private static KubernetesRelease Release(string text) =>
        KubernetesRelease.TryParse(text, out var r, out var error) ? r : throw new InvalidOperationException("fixture header: " + error);
}
