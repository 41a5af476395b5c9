using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests.Rules.PodSpec;

/// <summary>Wraps a pod spec body in a valid apps/v1 DaemonSet and runs the fixture verifier on it.</summary>
internal static class PodSpecYaml
{
    /// <summary>Builds the DaemonSet text.</summary>
    /// <param name="podSpec">The lines of spec.template.spec, unindented.</param>
    /// <param name="templateMetadataExtra">Extra lines of spec.template.metadata (after labels), unindented.</param>
    /// <returns>The YAML.</returns>
    public static string DaemonSet(string podSpec, string templateMetadataExtra = "") =>
        """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: ds
        spec:
          selector:
            matchLabels:
              app: a
          template:
            metadata:
              labels:
                app: a

        """ + Indent(templateMetadataExtra, 6) + "    spec:\n" + Indent(podSpec, 6);

    /// <summary>Verifies the inline expectations and returns the one finding of the rule.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="podSpec">The pod spec body.</param>
    /// <param name="templateMetadataExtra">Extra template metadata lines.</param>
    /// <param name="options">Validator options.</param>
    /// <returns>The finding.</returns>
    public static Finding Single(string ruleId, string podSpec, string templateMetadataExtra = "", ValidatorOptions? options = null)
    {
        var findings = FixtureVerifier.VerifyText(DaemonSet(podSpec, templateMetadataExtra), ruleId: ruleId, options: options);
        return Assert.Single(findings, f => f.RuleId == ruleId);
    }

    /// <summary>Verifies that the rule reports nothing (and any inline expectations).</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="podSpec">The pod spec body.</param>
    /// <param name="options">Validator options.</param>
    public static void None(string ruleId, string podSpec, ValidatorOptions? options = null)
    {
        var findings = FixtureVerifier.VerifyText(DaemonSet(podSpec), ruleId: ruleId, options: options);
        Assert.DoesNotContain(findings, f => f.RuleId == ruleId);
    }

    private static string Indent(string text, int spaces)
    {
        if (text.Length == 0)
        {
            return string.Empty;
        }

        var pad = new string(' ', spaces);
        return string.Join("\n", text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => l.Length == 0 ? l : pad + l)) + "\n";
    }
}
