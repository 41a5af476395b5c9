using System.Threading.Tasks;

namespace DaemonLint.Analyzers.Tests;

public sealed class DaemonSetAnalyzerTests
{
    private const string Head = Verifier.Usings + """
        public static class Manifests
        {
        """;

    [Fact]
    public async Task RestartPolicyOnFailure_Triggers_OnTheLiteral()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { { "app", "agent" } } },
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = {|DS1009:"OnFailure"|},
                                Containers = new List<V1Container> { new V1Container { Name = "c", Image = "busybox:1.36" } },
                            },
                        },
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task ValidDaemonSet_DoesNotTrigger()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                private const string App = "agent";

                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    ApiVersion = "apps/v1",
                    Kind = "DaemonSet",
                    Metadata = new V1ObjectMeta { Name = $"{App}-ds", NamespaceProperty = "kube-system" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = App } },
                        UpdateStrategy = new V1DaemonSetUpdateStrategy { RollingUpdate = new V1RollingUpdateDaemonSet { MaxUnavailable = "10%" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = App } },
                            Spec = new V1PodSpec
                            {
                                RestartPolicy = "Always",
                                Tolerations = [new V1Toleration { OperatorProperty = "Exists" }],
                                Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }],
                            },
                        },
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task MissingSelector_Triggers_OnTheTemplateLabels()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = {|DS1002:new V1DaemonSetSpec|}
                    {
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agent" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task SelectorMismatch_FollowsALocalTemplateAssignedOnce()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build()
                {
                    var labels = new Dictionary<string, string> { ["app"] = "agent" };
                    var template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { {|DS1001:Labels|} = labels },
                        Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                    };
                    return new V1DaemonSet
                    {
                        Metadata = new V1ObjectMeta { Name = "agent" },
                        Spec = new V1DaemonSetSpec
                        {
                            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agnet" } },
                            Template = template,
                        },
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task UnknownValues_DoNotTrigger()
    {
        // A parameter, a field, a method call and a value changed after creation: the analyzer cannot tell, so it says nothing.
        await Verifier.VerifyAnalyzerAsync(Head + """
                private static readonly string Policy = "OnFailure";

                public static V1DaemonSet Build(string restartPolicy, IDictionary<string, string> labels)
                {
                    var ds = new V1DaemonSet
                    {
                        Metadata = new V1ObjectMeta { Name = "agent" },
                        Spec = new V1DaemonSetSpec
                        {
                            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
                            Template = new V1PodTemplateSpec
                            {
                                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string>(labels) },
                                Spec = new V1PodSpec { RestartPolicy = restartPolicy, Containers = [new V1Container { Name = "c", Image = "i" }] },
                            },
                        },
                    };
                    var other = new V1DaemonSet
                    {
                        Metadata = new V1ObjectMeta { Name = "other" },
                        Spec = new V1DaemonSetSpec
                        {
                            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "other" } },
                            Template = new V1PodTemplateSpec
                            {
                                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "other" } },
                                Spec = new V1PodSpec { RestartPolicy = Policy, Containers = [new V1Container { Name = "c", Image = "i" }] },
                            },
                        },
                    };
                    other.Spec.Template.Spec.RestartPolicy = "Always";
                    return ds;
                }
            }
            """);
    }

    [Fact]
    public async Task ChangedAfterCreation_IsUnknown()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build()
                {
                    var spec = new V1PodSpec { RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "c", Image = "i" }] };
                    spec.RestartPolicy = "Always";
                    return new V1DaemonSet
                    {
                        Metadata = new V1ObjectMeta { Name = "agent" },
                        Spec = new V1DaemonSetSpec
                        {
                            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                            Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } }, Spec = spec },
                        },
                    };
                }
            }
            """);
    }

    [Fact]
    public async Task RemovedApiVersion_Triggers()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    ApiVersion = {|DS6001:"extensions/v1beta1"|},
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task MaxSurgeWithDefaultedMaxUnavailable_Triggers_ThroughIntOrStringConversion()
    {
        await Verifier.VerifyAnalyzerAsync(Head + """
                public static V1DaemonSet Build() => new V1DaemonSet
                {
                    Metadata = new V1ObjectMeta { Name = "agent" },
                    Spec = new V1DaemonSetSpec
                    {
                        Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                        UpdateStrategy = new V1DaemonSetUpdateStrategy { RollingUpdate = new V1RollingUpdateDaemonSet { MaxSurge = {|DS1015:1|} } },
                        Template = new V1PodTemplateSpec
                        {
                            Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } },
                            Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "i" }] },
                        },
                    },
                };
            }
            """);
    }

    [Fact]
    public async Task CompilationWithoutKubernetesClient_IsIgnored()
    {
        await Verifier.VerifyAnalyzerAsync(
            """
            public class V1DaemonSet { public string RestartPolicy { get; set; } = "OnFailure"; }
            public static class C { public static object M() => new V1DaemonSet { RestartPolicy = "Never" }; }
            """,
            withKubernetesClient: false);
    }

    [Fact]
    public async Task YamlAdditionalFile_ReportsInsideTheYaml_WhenOptedIn()
    {
        await Verifier.VerifyAnalyzerAsync(
            "public static class Empty { }",
            withKubernetesClient: true,
            ("/project/ds.yaml", """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata:
                  name: agent
                spec:
                  selector:
                    matchLabels:
                      app: agent
                  template:
                    metadata:
                      labels:
                        app: agent
                    spec:
                      restartPolicy: {|DS1009:Never|}
                      containers:
                        - name: c
                          image: busybox:1.36
                """));
    }
}

public sealed class DaemonSetAnalyzerConfigurationTests
{
    private const string Source = Verifier.Usings + """
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
                        Spec = new V1PodSpec { RestartPolicy = "Never", Containers = [new V1Container { Name = "c", Image = "i" }] },
                    },
                },
            };
        }
        """;

    [Fact]
    public async System.Threading.Tasks.Task EditorConfigSeverityNone_Silences()
    {
        await Verifier.VerifyAnalyzerAsync(Source, editorConfig: "root = true\n[*.cs]\ndotnet_diagnostic.DS1009.severity = none\n");
    }

    [Fact]
    public async System.Threading.Tasks.Task PragmaWarningDisable_Silences()
    {
        await Verifier.VerifyAnalyzerAsync("#pragma warning disable DS1009\n" + Source);
    }

    [Fact]
    public async System.Threading.Tasks.Task GeneratedCode_IsSkipped()
    {
        await Verifier.VerifyAnalyzerAsync("// <auto-generated/>\n" + Source);
    }
}
