using System.Collections.Generic;
using System.Linq;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Issue 17 item 6: what the compiler cannot know stays unknown below it (silent), and what it can know through locals,
/// collection and dictionary initializers, target-typed creations and spreads is followed (reported).
/// Each case is a whole class; findings are compared as "id@line" (1-based) so that the place they point at is pinned too.
/// </summary>
public sealed class FrontEndTests
{
    private const string Master = "node-role.kubernetes.io/master";

    private static string Ds(string template, string before = "", string after = "", string parameters = "", string selector = "agent") => Verifier.Usings + $$"""
        public static class Manifests
        {
            private static V1PodTemplateSpec MakeTemplate() => new V1PodTemplateSpec();

            public static V1DaemonSet Build({{parameters}})
            {
                {{before}}
                var ds = new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "{{selector}}" } },
                        Template = {{template}},
                    },
                };
                {{after}}
                return ds;
            }
        }
        """;

    private static string Template(string labels = "new Dictionary<string, string> { [\"app\"] = \"agent\" }", string tolerations = "null", string restartPolicy = "\"Always\"", string containers = "[new V1Container { Name = \"c\", Image = \"i\" }]") =>
        $$"""new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = {{labels}} }, Spec = new V1PodSpec { RestartPolicy = {{restartPolicy}}, Tolerations = {{tolerations}}, Containers = {{containers}} } }""";

    private static List<string> Findings(string source)
    {
        var (errors, found) = KubernetesCompilation.Analyze(source);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + source);
        return found.Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}").OrderBy(s => s, System.StringComparer.Ordinal).ToList();
    }

    private static int LineOf(string source, string text) => source.Substring(0, source.IndexOf(text, System.StringComparison.Ordinal)).Count(c => c == '\n') + 1;

    // ---- silent: the value cannot be known at compile time ----

    [Theory]
    [InlineData("MakeTemplate()")] // a method's result: its labels are unknown, not missing
    [InlineData("template")] // a parameter
    [InlineData("other.Spec.Template")] // a property read of an object the compiler does not know
    [InlineData("flag ? MakeTemplate() : new V1PodTemplateSpec()")] // a condition known only at run time
    [InlineData("template ?? new V1PodTemplateSpec()")] // null-coalescing on an unknown value
    [InlineData("(V1PodTemplateSpec)boxed")] // a cast of an unknown object
    public void UnknownTemplate_ReportsNothingBelowIt(string template)
    {
        Assert.Empty(Findings(Ds(template, parameters: "V1PodTemplateSpec template, V1DaemonSet other, bool flag, object boxed")));
    }

    [Theory]
    [InlineData("MakeLabels()")]
    [InlineData("other.Metadata.Labels")]
    [InlineData("labels ?? new Dictionary<string, string> { [\"app\"] = \"agnet\" }")]
    [InlineData("flag ? labels : new Dictionary<string, string>()")]
    public void UnknownLabels_DoNotMismatchTheSelector(string labels)
    {
        var source = Ds(Template(labels: labels), parameters: "IDictionary<string, string> labels, V1DaemonSet other, bool flag").Replace(
            "private static V1PodTemplateSpec MakeTemplate()", "private static Dictionary<string, string> MakeLabels() => new();\n    private static V1PodTemplateSpec MakeTemplate()", System.StringComparison.Ordinal);
        Assert.Empty(Findings(source));
    }

    [Fact]
    public void UnknownPodSpec_ReportsNoMissingContainers()
    {
        Assert.Empty(Findings(Ds("new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { [\"app\"] = \"agent\" } }, Spec = spec }", parameters: "V1PodSpec spec")));
    }

    [Fact]
    public void ContainersSpreadFromAParameter_AreUnknown()
    {
        Assert.Empty(Findings(Ds(Template(containers: "[..extra]"), parameters: "List<V1Container> extra")));
    }

    [Fact]
    public void LocalAssignedTwice_IsUnknown()
    {
        var before = "V1Toleration t = new V1Toleration { Key = \"" + Master + "\", OperatorProperty = \"Exists\" };\n        if (System.DateTime.Now.Hour > 12) { t = new V1Toleration { OperatorProperty = \"Exists\" }; }";
        Assert.Empty(Findings(Ds(Template(tolerations: "new List<V1Toleration> { t }"), before)));
    }

    [Fact]
    public void LocalAliasedAndChangedThroughTheAlias_IsUnknown()
    {
        var before = "var t = new V1Toleration { Key = \"" + Master + "\", OperatorProperty = \"Exists\" };\n        var alias = t;\n        alias.Key = \"node-role.kubernetes.io/control-plane\";";
        Assert.Empty(Findings(Ds(Template(tolerations: "new List<V1Toleration> { t }"), before)));
    }

    [Fact]
    public void TemplateLocalChangedThroughTheDaemonSet_IsUnknown()
    {
        // The template's labels were wrong at creation and are replaced through ds afterwards.
        var before = "var template = " + Template(labels: "new Dictionary<string, string> { [\"app\"] = \"agnet\" }") + ";";
        var after = "ds.Spec.Template.Metadata.Labels = new Dictionary<string, string> { [\"app\"] = \"agent\" };";
        Assert.Empty(Findings(Ds("template", before, after)));
    }

    [Fact]
    public void OutOfRangeCastOfALocal_IsUnknown()
    {
        var before = "long big = 5_000_000_000;";
        var source = Ds(Template(), before).Replace("Name = \"c\", Image = \"i\"", "Name = \"c\", Image = \"i\", Ports = [new V1ContainerPort { ContainerPort = (int)big }]", System.StringComparison.Ordinal);
        Assert.Empty(Findings(source));
    }

    // ---- reported: the compiler knows the value ----

    [Fact]
    public void UnknownSibling_DoesNotHideACertainFinding()
    {
        // Unknown tolerations do not hide what is certain beside them: the pod's restartPolicy.
        var source = Ds(Template(restartPolicy: "\"OnFailure\"", tolerations: "MakeTolerations()")).Replace(
            "private static V1PodTemplateSpec MakeTemplate()", "private static List<V1Toleration> MakeTolerations() => new();\n    private static V1PodTemplateSpec MakeTemplate()", System.StringComparison.Ordinal);
        Assert.Equal(new[] { "DS1009@" + LineOf(source, "\"OnFailure\"") }, Findings(source));
    }

    [Fact]
    public void LocalInACollectionInitializer_IsFollowed()
    {
        var before = "var master = new V1Toleration { Key = \"" + Master + "\", OperatorProperty = \"Exists\", Effect = \"NoSchedule\" };";
        var source = Ds(Template(tolerations: "new List<V1Toleration> { master }"), before);
        Assert.Equal(new[] { "DS3001@" + LineOf(source, "var master") }, Findings(source));
    }

    [Fact]
    public void LocalInACollectionExpressionAndSpread_AreFollowed()
    {
        var before = "var master = new V1Toleration { Key = \"" + Master + "\", OperatorProperty = \"Exists\" };\n        var common = new List<V1Toleration> { master };";
        var source = Ds(Template(tolerations: "[..common]"), before);
        Assert.Equal(new[] { "DS3001@" + LineOf(source, "var master") }, Findings(source));
    }

    [Fact]
    public void TargetTypedNew_IsFollowed()
    {
        var source = Ds(Template(tolerations: "[new() { Key = \"" + Master + "\", OperatorProperty = \"Exists\" }]"));
        Assert.Equal(new[] { "DS3001@" + LineOf(source, "[new() {") }, Findings(source));
    }

    [Theory]
    [InlineData("new Dictionary<string, string> { [\"app\"] = app }")]
    [InlineData("new Dictionary<string, string> { { \"app\", app } }")]
    [InlineData("labels")]
    public void LocalStringsInDictionaryInitializers_AreFollowed(string labels)
    {
        var before = "var app = \"agnet\";\n        var labels = new Dictionary<string, string> { { \"app\", app } };";
        var source = Ds(Template(labels: labels), before);
        Assert.Equal(new[] { "DS1001@" + LineOf(source, "V1ObjectMeta { Labels = ") }, Findings(source));
    }

    [Fact]
    public void LocalAssignedOnceAfterItsDeclaration_IsFollowed()
    {
        var before = "V1PodTemplateSpec template;\n        template = " + Template(restartPolicy: "\"Never\"") + ";";
        var source = Ds("template", before);
        Assert.Equal(new[] { "DS1009@" + LineOf(source, "\"Never\"") }, Findings(source));
    }

    [Fact]
    public void ConstantConditionAndCoalesceOnNull_TakeTheKnownBranch()
    {
        var before = "const bool UseMaster = true;\n        var master = new V1Toleration { Key = \"" + Master + "\", OperatorProperty = \"Exists\" };";
        var source = Ds(Template(tolerations: "UseMaster ? new List<V1Toleration> { master } : null", labels: "null ?? new Dictionary<string, string> { [\"app\"] = \"agnet\" }"), before);
        Assert.Equal(new[] { "DS1001@" + LineOf(source, "V1ObjectMeta { Labels = "), "DS3001@" + LineOf(source, "var master") }, Findings(source));
    }
}

/// <summary>Issue 14: an overflowing constant was reported as "Invalid value: 0" (the folded value the code does not show).</summary>
public sealed class OverflowingConstantTests
{
    private static string WithPort(string port) => Verifier.Usings + $$"""
        public static class Manifests
        {
            public static V1DaemonSet Build() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i", Ports = [new V1ContainerPort { ContainerPort = {{port}} }] }] },
                    },
                },
            };
        }
        """;

    [Theory]
    [InlineData("unchecked((int)4294967296L)")] // folds to 0
    [InlineData("unchecked((int)5000000000L)")] // folds to 705032704
    [InlineData("unchecked((int)1e20)")] // unspecified in C#: the compiler and the runtime need not agree
    [InlineData("unchecked((int)-1e300)")] // beyond decimal's range too
    public void OverflowingConstantCast_IsUnknown(string port)
    {
        var (errors, found) = KubernetesCompilation.Analyze(WithPort(port));
        Assert.Empty(errors);
        Assert.Empty(found);
    }

    [Theory]
    [InlineData("70000", "70000")]
    [InlineData("(int)70000L", "70000")]
    [InlineData("unchecked((int)70000L)", "70000")]
    [InlineData("(int)70000.9", "70000")] // in range: truncation toward zero is what C# defines
    public void InRangeConstant_IsReportedWithItsValue(string port, string shown)
    {
        var (errors, found) = KubernetesCompilation.Analyze(WithPort(port));
        Assert.Empty(errors);
        var finding = Assert.Single(found);
        Assert.Contains("Invalid value: " + shown + ":", finding.GetMessage(System.Globalization.CultureInfo.InvariantCulture), System.StringComparison.Ordinal);
    }
}
