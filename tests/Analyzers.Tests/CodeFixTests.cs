using System.Threading.Tasks;
using DaemonLint.Analyzers.CodeFixes;

namespace DaemonLint.Analyzers.Tests;

public sealed class CodeFixTests
{
    private const string Head = Verifier.Usings + """
        public static class Manifests
        {
        """;

    private static string DaemonSet(string name, string restartPolicy) => $$"""
                public static V1DaemonSet {{name}}() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "{{name.ToLowerInvariant()}}" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } },
                            Spec = new V1PodSpec { RestartPolicy = {{restartPolicy}}, Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
        """;

    [Fact]
    public async Task RestartPolicy_IsSetToAlways_FixAllFixesEveryOne()
    {
        await Verifier.VerifyCodeFixAsync<ReplaceValueCodeFix>(
            Head + DaemonSet("One", "{|DS1009:\"OnFailure\"|}") + DaemonSet("Two", "{|DS1009:\"Never\"|}") + "}\n",
            Head + DaemonSet("One", "\"Always\"") + DaemonSet("Two", "\"Always\"") + "}\n");
    }

    [Fact]
    public async Task RemovedApiVersion_IsReplacedWithAppsV1()
    {
        await Verifier.VerifyCodeFixAsync<ReplaceValueCodeFix>(
            Head + """
                public static V1DaemonSet Build() => new V1DaemonSet { ApiVersion = {|DS6001:"apps/v1beta2"|}, Metadata = new V1ObjectMeta { Name = "x" } };
            }
            """,
            Head + """
                public static V1DaemonSet Build() => new V1DaemonSet { ApiVersion = "apps/v1", Metadata = new V1ObjectMeta { Name = "x" } };
            }
            """);
    }

    [Fact]
    public async Task MissingSelector_IsFilledFromTheTemplateLabels()
    {
        await Verifier.VerifyCodeFixAsync<AddSelectorCodeFix>(
            Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = {|DS1002:new V1DaemonSetSpec|}
                    {
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
            }
            """,
            Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent", ["tier"] = "node" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
            }
            """);
    }
}

public sealed class ControlPlaneTolerationCodeFixTests
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
    public async System.Threading.Tasks.Task MasterToleration_GetsAControlPlaneTwin_InACollectionExpression()
    {
        await Verifier.VerifyCodeFixAsync<DaemonLint.Analyzers.CodeFixes.AddControlPlaneTolerationCodeFix>(
            Ds("""[{|DS3001:new V1Toleration|} { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" }]"""),
            Ds("""[new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists", Effect = "NoSchedule" }, new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists", Effect = "NoSchedule" }]"""));
    }

    [Fact]
    public async System.Threading.Tasks.Task MasterToleration_GetsAControlPlaneTwin_InACollectionInitializer()
    {
        await Verifier.VerifyCodeFixAsync<DaemonLint.Analyzers.CodeFixes.AddControlPlaneTolerationCodeFix>(
            Ds("""new List<V1Toleration> { {|DS3001:new V1Toleration|} { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" } }"""),
            Ds("""new List<V1Toleration> { new V1Toleration { Key = "node-role.kubernetes.io/master", OperatorProperty = "Exists" }, new V1Toleration { Key = "node-role.kubernetes.io/control-plane", OperatorProperty = "Exists" } }"""));
    }
}
