using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Releases;

namespace DaemonLint.Tests.Releases;

/// <summary>
/// Keeps the catalog's gate metadata (<see cref="RuleDescriptor.Gates"/>, shown by <c>rules</c>/<c>explain</c> and the
/// docs table) honest: every fixture runs at every supported release while <see cref="GateReads"/> records which gates and
/// pod validation options each rule reads; a rule may read only the gates it declares (directly, or through an option
/// computed from them), and every gate it declares must be read by it on some fixture.
/// </summary>
public sealed class RuleGatesTests
{
    [Fact]
    public void EveryRule_ReadsExactlyTheGatesItDeclares()
    {
        var read = new Dictionary<string, HashSet<FeatureGate>>(StringComparer.Ordinal);
        var runs = 0;
        foreach (var file in Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(file);
            var header = FixtureOptions.Parse(text).Options ?? new ValidatorOptions();
            var baselinePath = Path.ChangeExtension(file, ".baseline.yml");
            var baseline = File.Exists(baselinePath) ? FixtureTests.BaselineFrom(File.ReadAllText(baselinePath), Path.GetFileName(baselinePath)) : null;
            foreach (var release in KubernetesRelease.Supported)
            {
                // The fixture's gate overrides where the release takes them (a gate may be unknown or locked there).
                var options = header with { KubernetesVersion = release };
                if (!options.TryResolveGates(out _, out _))
                {
                    options = options with { FeatureGates = null };
                }

                using (GateReads.Observe((rule, name) => Note(read, rule, name)))
                {
                    new ManifestValidator(options).ValidateText(Path.GetFileName(file), text, baseline);
                }

                runs++;
            }
        }

        Assert.True(runs > 1000, $"only {runs} runs");
        var problems = new List<string>();
        foreach (var d in RuleCatalog.All)
        {
            var declared = new HashSet<FeatureGate>(d.Gates);
            var actual = read.TryGetValue(d.Id, out var s) ? s : new HashSet<FeatureGate>();
            foreach (var g in actual.Except(declared).OrderBy(g => g))
            {
                problems.Add($"{d.Id} reads {g} but does not declare it");
            }

            foreach (var g in declared.Except(actual).OrderBy(g => g))
            {
                problems.Add($"{d.Id} declares {g} but no fixture at any release makes it read it");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Contains(FeatureGate.RelaxedEnvironmentVariableValidation, read[RuleCatalog.DS1171_EnvNameMustBeValid.Id]);
    }

    [Fact]
    public void Observing_ReportsTheRuleThatReads_AndNothingWhenStopped()
    {
        var seen = new List<(string Rule, string Name)>();
        const string Yaml = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: a}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n        - name: c\n          image: i\n          env: [{name: my.var/x, value: v}]\n";
        var validator = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.31") });
        using (GateReads.Observe((rule, name) => seen.Add((rule, name))))
        {
            validator.ValidateText("a.yaml", Yaml, null);
        }

        Assert.Contains((RuleCatalog.DS1171_EnvNameMustBeValid.Id, nameof(PodValidationOptions.AllowRelaxedEnvironmentVariableValidation)), seen);
        var count = seen.Count;
        validator.ValidateText("a.yaml", Yaml, null);
        Assert.Equal(count, seen.Count);
    }

    private static void Note(Dictionary<string, HashSet<FeatureGate>> read, string rule, string name)
    {
        if (!read.TryGetValue(rule, out var set))
        {
            read[rule] = set = new HashSet<FeatureGate>();
        }

        if (Enum.TryParse<FeatureGate>(name, out var gate))
        {
            set.Add(gate);
            return;
        }

        set.UnionWith(PodValidationOptions.GatesOf(name));
    }
}
