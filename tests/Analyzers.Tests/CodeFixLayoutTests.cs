using System.Threading.Tasks;
using DaemonLint.Analyzers.CodeFixes;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// Issue 17 item 3: the fixes write code as the person who wrote the neighbours would. Each test pins the exact fixed text
/// for one neighbour style (one fix, and Fix All through the verifier's document, project and solution passes).
/// </summary>
public sealed class CodeFixLayoutTests
{
    private static string Ds(string tolerations) => Verifier.Usings + $$"""
        public static class Manifests
        {
            public static V1DaemonSet Build() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } },
                        Spec = new V1PodSpec
                        {
                            Containers = [new V1Container { Name = "c", Image = "i" }],
                            Tolerations = {{tolerations}},
                        },
                    },
                },
            };
        }
        """;

    [Fact]
    public async Task Toleration_OnePerLine_TrailingComma()
    {
        await Verifier.VerifyCodeFixAsync<AddControlPlaneTolerationCodeFix>(
            Ds("""
                [
                                    {|DS3001:new V1Toleration|} { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" },
                                ]
                """),
            Ds("""
                [
                                    new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" },
                                    new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" },
                                ]
                """));
    }

    [Fact]
    public async Task Toleration_LastOfItsList_NoTrailingComma_BraceStaysOnItsLine()
    {
        await Verifier.VerifyCodeFixAsync<AddControlPlaneTolerationCodeFix>(
            Ds("""
                new List<V1Toleration>
                                {
                                    new V1Toleration { Key = "example.com/gpu", OperatorProperty = "Exists" },
                                    {|DS3001:new V1Toleration|} { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }
                                }
                """),
            Ds("""
                new List<V1Toleration>
                                {
                                    new V1Toleration { Key = "example.com/gpu", OperatorProperty = "Exists" },
                                    new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" },
                                    new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists" }
                                }
                """));
    }

    [Fact]
    public async Task Toleration_WrittenOnSeveralLines_CopyIsWrittenTheSameWay()
    {
        await Verifier.VerifyCodeFixAsync<AddControlPlaneTolerationCodeFix>(
            Ds("""
                new List<V1Toleration>
                                {
                                    {|DS3001:new V1Toleration|}
                                    {
                                        Key = "node-role.kubernetes.io/master",
                                        OperatorProperty = "Exists",
                                        Effect = "NoSchedule",
                                    },
                                    new V1Toleration { Key = "example.com/gpu", OperatorProperty = "Exists" },
                                }
                """),
            Ds("""
                new List<V1Toleration>
                                {
                                    new V1Toleration
                                    {
                                        Key = "node-role.kubernetes.io/master",
                                        OperatorProperty = "Exists",
                                        Effect = "NoSchedule",
                                    },
                                    new V1Toleration
                                    {
                                        Key = "node-role.kubernetes.io/control-plane",
                                        OperatorProperty = "Exists",
                                        Effect = "NoSchedule",
                                    },
                                    new V1Toleration { Key = "example.com/gpu", OperatorProperty = "Exists" },
                                }
                """));
    }

    [Fact]
    public async Task Toleration_Inline_StaysInline()
    {
        await Verifier.VerifyCodeFixAsync<AddControlPlaneTolerationCodeFix>(
            Ds("""[{|DS3001:new V1Toleration|} { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }]"""),
            Ds("""[new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }, new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists" }]"""));
    }

    private static string NoSelector(string metadata, string spec = "Spec = new V1PodSpec { Containers = [new V1Container { Name = \"c\", Image = \"i\" }] },") => Verifier.Usings + $$"""
        public static class Manifests
        {
            public static V1DaemonSet Build() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = {|DS1002:new V1DaemonSetSpec|}
                {
                    UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
                    Template = new V1PodTemplateSpec
                    {
                        {{metadata}}
                        {{spec}}
                    },
                },
            };
        }
        """;

    private static string WithSelector(string selector, string metadata, string spec = "Spec = new V1PodSpec { Containers = [new V1Container { Name = \"c\", Image = \"i\" }] },") => Verifier.Usings + $$"""
        public static class Manifests
        {
            public static V1DaemonSet Build() => new V1DaemonSet
            {
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    UpdateStrategy = new V1DaemonSetUpdateStrategy { Type = "RollingUpdate" },
                    {{selector}}
                    Template = new V1PodTemplateSpec
                    {
                        {{metadata}}
                        {{spec}}
                    },
                },
            };
        }
        """;

    [Fact]
    public async Task Selector_LabelsWithIndexers_AreWrittenWithIndexers()
    {
        await Verifier.VerifyCodeFixAsync<AddSelectorCodeFix>(
            NoSelector("""Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },"""),
            WithSelector(
                """Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },""",
                """Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },"""));
    }

    [Fact]
    public async Task Selector_LabelsWithBraces_AreWrittenWithBraces()
    {
        await Verifier.VerifyCodeFixAsync<AddSelectorCodeFix>(
            NoSelector("""Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "agent" } } },"""),
            WithSelector(
                """Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { { "app", "agent" } } },""",
                """Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "agent" } } },"""));
    }

    [Fact]
    public async Task Selector_LabelsOnSeveralLines_AreWrittenOnSeveralLines()
    {
        const string Labels = """
            Metadata = new V1ObjectMeta
                            {
                                Labels = new Dictionary<string, string>
                                {
                                    ["app"] = "agent",
                                    ["tier"] = "node",
                                },
                            },
            """;
        await Verifier.VerifyCodeFixAsync<AddSelectorCodeFix>(
            NoSelector(Labels),
            WithSelector(
                """
                Selector = new V1LabelSelector
                            {
                                MatchLabels = new Dictionary<string, string>
                                {
                                    ["app"] = "agent",
                                    ["tier"] = "node",
                                },
                            },
                """,
                Labels));
    }

    [Fact]
    public async Task Selector_InASpecWrittenOnOneLine_IsWrittenInline()
    {
        const string Before = """
            public static class Manifests
            {
                public static V1DaemonSet Build() => new V1DaemonSet { Metadata = new V1ObjectMeta { Name = "agent" }, Spec = {|DS1002:new V1DaemonSetSpec|} { Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } } } };
            }
            """;
        const string After = """
            public static class Manifests
            {
                public static V1DaemonSet Build() => new V1DaemonSet { Metadata = new V1ObjectMeta { Name = "agent" }, Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } }, Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } }, Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] } } } };
            }
            """;
        await Verifier.VerifyCodeFixAsync<AddSelectorCodeFix>(Verifier.Usings + Before, Verifier.Usings + After);
    }
}
