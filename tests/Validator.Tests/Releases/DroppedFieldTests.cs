using System;
using System.Collections.Generic;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Releases;
using DaemonLint.Yaml;

namespace DaemonLint.Tests.Releases;

/// <summary>
/// <c>DropDisabledTemplateFields</c> in the engine: what each release drops when a gate is off, the stored object's
/// "already in use" exception, and what rules, spans and reports see afterwards.
/// </summary>
public sealed class DroppedFieldTests
{
    private const string Head = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: ds, namespace: default}
        spec:
          selector: {matchLabels: {app: ds}}
          template:
            metadata:
              labels: {app: ds}
        """;

    [Fact]
    public void NothingToDrop_ReturnsTheSameObject()
    {
        var obj = Object("containers: [{name: c, image: i}]");
        Assert.Same(obj, TemplatePruner.Prune(obj, null, Gates("1.35"), out var dropped));
        Assert.Null(dropped);
    }

    [Fact]
    public void AllGatesOn_PlanIsEmpty()
    {
        var gates = Gates("1.35", "ContainerStopSignals=true,ClusterTrustBundleProjection=true,PodCertificateRequest=true,GenericWorkload=true");
        Assert.Equal(DropKinds.None, gates.DropPlan);
        var obj = Object("containers: [{name: c, image: i, lifecycle: {stopSignal: SIGTERM}}]");
        Assert.Same(obj, TemplatePruner.Prune(obj, null, gates, out _));
    }

    [Fact]
    public void StopSignal_IsDroppedIn135_AndAnEmptyLifecycleGoesWithIt()
    {
        var (pruned, dropped) = Prune("1.35", "containers: [{name: c, image: i, lifecycle: {stopSignal: SIGTERM}}]");
        var d = Assert.Single(dropped);
        Assert.Equal("`spec.template.spec.containers[0].lifecycle.stopSignal` is dropped by the API server: feature gate ContainerStopSignals is off in Kubernetes 1.35", d.Message);
        Assert.Equal(FeatureGate.ContainerStopSignals, d.Gate);
        Assert.Null(Container(pruned)["lifecycle"]);
    }

    [Fact]
    public void StopSignal_KeepsTheOtherHooks()
    {
        var (pruned, _) = Prune("1.35", "containers: [{name: c, image: i, lifecycle: {stopSignal: SIGTERM, preStop: {exec: {command: [x]}}}}]");
        var lifecycle = Assert.IsType<MappingNode>(Container(pruned)["lifecycle"]);
        Assert.Equal(new[] { "preStop" }, lifecycle.Entries.Select(e => e.Key));
    }

    [Fact]
    public void SleepAction_GoesWithAHandlerLeftEmpty_WhenTheGateIsOff()
    {
        var (pruned, dropped) = Prune(
            "1.33",
            "containers: [{name: c, image: i, lifecycle: {preStop: {sleep: {seconds: 5}}, postStart: {sleep: {seconds: 1}, exec: {command: [x]}}}}]",
            "PodLifecycleSleepAction=false");
        Assert.Equal(
            new[] { "spec.template.spec.containers[0].lifecycle.preStop.sleep", "spec.template.spec.containers[0].lifecycle.postStart.sleep" },
            dropped.Select(d => d.Path.ToString()));
        var lifecycle = Assert.IsType<MappingNode>(Container(pruned)["lifecycle"]);
        Assert.Equal(new[] { "postStart" }, lifecycle.Entries.Select(e => e.Key));
        Assert.Equal(new[] { "exec" }, ((MappingNode)lifecycle["postStart"]!).Entries.Select(e => e.Key));
    }

    [Fact]
    public void ProcMount_IsResetToDefault_NotRemoved()
    {
        var (pruned, dropped) = Prune("1.32", "containers: [{name: c, image: i, securityContext: {procMount: Unmasked}}]");
        var d = Assert.Single(dropped);
        Assert.Equal(DropAction.ResetToDefault, d.Action);
        Assert.Equal("`spec.template.spec.containers[0].securityContext.procMount` is reset to Default by the API server: feature gate ProcMountType is off in Kubernetes 1.32", d.Message);
        var procMount = Assert.IsType<ScalarNode>(((MappingNode)Container(pruned)["securityContext"]!)["procMount"]);
        Assert.Equal("Default", procMount.Raw);
    }

    [Fact]
    public void ImageVolumes_GoWithTheirMounts_AndTheRemainingNodesKeepTheirSpans()
    {
        const string PodSpecText = """
            containers:
            - name: c
              image: i
              volumeMounts:
              - {name: img, mountPath: /img}
              - {name: data, mountPath: /data}
            volumes:
            - name: img
              image: {reference: busybox}
            - name: data
              emptyDir: {}
            """;
        var obj = Object(PodSpecText);
        var pruned = TemplatePruner.Prune(obj, null, Gates("1.34"), out var dropped);
        Assert.Equal(new[] { "spec.template.spec.containers[0].volumeMounts[0]", "spec.template.spec.volumes[0]" }, dropped!.Select(d => d.Path.ToString()));
        var volumes = (SequenceNode)Spec(pruned)["volumes"]!;
        var data = Assert.Single(volumes.Items);
        Assert.Same(((SequenceNode)Spec(obj)["volumes"]!).Items[1], data);
        var mounts = (SequenceNode)Container(pruned)["volumeMounts"]!;
        Assert.Same(((SequenceNode)Container(obj)["volumeMounts"]!).Items[1], Assert.Single(mounts.Items));
        Assert.Same(Container(obj)["image"], Container(pruned)["image"]);
    }

    [Fact]
    public void AfterADrop_FindingsUseThePrunedIndexes_AtTheSpansOfTheOriginalNodes()
    {
        // The server validates the list without the image volume: the bad volume is volumes[0] for it, on line 17 here.
        var text = Text("""
            containers:
            - name: c
              image: i
              volumeMounts:
              - {name: img, mountPath: /img}
            volumes:
            - name: img
              image: {reference: busybox}
            - name: Bad_Name   # expect: DS1360 spec.template.spec.volumes[0].name
              emptyDir: {}
            """);
        var findings = FixtureVerifier.VerifyText(text, ruleId: "DS1360", options: new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.34") });
        Assert.DoesNotContain(findings, f => f.RuleId == "DS1380"); // the image volume's mount went with it
    }

    [Fact]
    public void ProjectedSources_LeaveTheirEntry()
    {
        var (pruned, dropped) = Prune("1.35", "containers: [{name: c, image: i}]\nvolumes: [{name: p, projected: {sources: [{podCertificate: {signerName: x/y, keyType: RSA3072}}, {clusterTrustBundle: {signerName: x/y, path: p}}]}}]");
        Assert.Equal(
            new[] { "spec.template.spec.volumes[0].projected.sources[0].podCertificate", "spec.template.spec.volumes[0].projected.sources[1].clusterTrustBundle" },
            dropped.Select(d => d.Path.ToString()));
        var sources = (SequenceNode)((MappingNode)((MappingNode)((SequenceNode)Spec(pruned)["volumes"]!).Items[0])["projected"]!)["sources"]!;
        Assert.All(sources.Items, s => Assert.Equal(0, ((MappingNode)s).Count));
    }

    [Fact]
    public void RestartRules_In134_DropTheContainersPolicy_AndNonAlwaysInitPolicies_ButKeepSidecars()
    {
        var (_, dropped) = Prune("1.34", """
            initContainers:
            - {name: side, image: i, restartPolicy: Always}
            - {name: once, image: i, restartPolicy: OnFailure, restartPolicyRules: [{action: Restart}]}
            containers:
            - {name: c, image: i, restartPolicy: Always}
            """);
        Assert.Equal(
            new[]
            {
                "spec.template.spec.initContainers[1].restartPolicy",
                "spec.template.spec.initContainers[1].restartPolicyRules",
                "spec.template.spec.containers[0].restartPolicy",
            },
            dropped.Select(d => d.Path.ToString()));
        Assert.All(dropped, d => Assert.Equal(FeatureGate.ContainerRestartRules, d.Gate));
    }

    [Fact]
    public void AnUnknownInitRestartPolicy_IsKept_ItMightBeAlways()
    {
        var obj = Object("initContainers: [{name: side, image: i, restartPolicy: Always}]\ncontainers: [{name: c, image: i}]");
        var spec = (MappingNode)((MappingNode)((MappingNode)obj.Root["spec"]!)["template"]!)["spec"]!;
        var init = (MappingNode)((SequenceNode)spec["initContainers"]!).Items[0];
        var entries = init.Entries.Select(e => e.Key == "restartPolicy" ? new MappingEntry(e.Key, e.KeySpan, new UnknownNode(e.Value.Span)) : e).ToList();
        var withUnknown = new ManifestObject(Rebuild(obj.Root, new MappingNode(init.Span, entries)));
        Assert.Same(withUnknown, TemplatePruner.Prune(withUnknown, null, Gates("1.34"), out var dropped));
        Assert.Null(dropped);
    }

    [Fact]
    public void SidecarContainersOff_DropsEveryInitRestartPolicy()
    {
        var (_, dropped) = Prune("1.28", "initContainers: [{name: side, image: i, restartPolicy: Always}]\ncontainers: [{name: c, image: i}]");
        Assert.Equal(FeatureGate.SidecarContainers, Assert.Single(dropped).Gate);
    }

    [Fact]
    public void FileKeyRef_LeavesAnEmptyValueFrom_AsUpstreamDoes()
    {
        var (pruned, dropped) = Prune("1.34", "containers: [{name: c, image: i, env: [{name: A, valueFrom: {fileKeyRef: {volumeName: v, path: p, key: A}}}]}]");
        Assert.Equal("spec.template.spec.containers[0].env[0].valueFrom.fileKeyRef", Assert.Single(dropped).Path.ToString());
        var env = (MappingNode)((SequenceNode)Container(pruned)["env"]!).Items[0];
        Assert.Equal(0, Assert.IsType<MappingNode>(env["valueFrom"]).Count);
    }

    [Theory]
    [InlineData("1.34", "hostnameOverride: h", "spec.template.spec.hostnameOverride", FeatureGate.HostnameOverride)]
    [InlineData("1.35", "workloadRef: {name: w, podGroup: g}", "spec.template.spec.workloadRef", FeatureGate.GenericWorkload)]
    [InlineData("1.33", "resources: {limits: {cpu: 1}}", "spec.template.spec.resources", FeatureGate.PodLevelResources)]
    [InlineData("1.32", "securityContext: {seLinuxChangePolicy: Recursive}", "spec.template.spec.securityContext.seLinuxChangePolicy", FeatureGate.SELinuxChangePolicy)]
    [InlineData("1.32", "securityContext: {supplementalGroupsPolicy: Strict}", "spec.template.spec.securityContext.supplementalGroupsPolicy", FeatureGate.SupplementalGroupsPolicy)]
    [InlineData("1.32", "hostUsers: false", "spec.template.spec.hostUsers", FeatureGate.UserNamespacesSupport)]
    [InlineData("1.27", "hostUsers: false", "spec.template.spec.hostUsers", FeatureGate.UserNamespacesStatelessPodsSupport)]
    [InlineData("1.33", "resourceClaims: [{name: r, resourceClaimName: c}]", "spec.template.spec.resourceClaims", FeatureGate.DynamicResourceAllocation)]
    public void PodSpecFields_AreDroppedWhileTheirGateIsOff(string release, string field, string path, FeatureGate gate)
    {
        var (pruned, dropped) = Prune(release, field + "\ncontainers: [{name: c, image: i}]");
        var d = Assert.Single(dropped);
        Assert.Equal(path, d.Path.ToString());
        Assert.Equal(gate, d.Gate);
        Assert.Null(FieldPathNode(pruned, d.Path));
    }

    [Theory]
    [InlineData("1.28", "MinDomainsInPodTopologySpread=false", "minDomains: 2", "minDomains")]
    [InlineData("1.32", "NodeInclusionPolicyInPodTopologySpread=false", "nodeTaintsPolicy: Honor", "nodeTaintsPolicy")]
    [InlineData("1.35", "MatchLabelKeysInPodTopologySpread=false", "matchLabelKeys: [pod-template-hash]", "matchLabelKeys")]
    public void TopologySpreadFields_AreDroppedWhileTheirGateIsOff(string release, string gates, string field, string name)
    {
        var (_, dropped) = Prune(release, $"containers: [{{name: c, image: i}}]\ntopologySpreadConstraints: [{{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {{matchLabels: {{app: ds}}}}, {field}}}]", gates);
        Assert.Equal("spec.template.spec.topologySpreadConstraints[0]." + name, Assert.Single(dropped).Path.ToString());
    }

    [Fact]
    public void AppArmor_In130_DropsTheAnnotations_AndTheFields_WhenTheirGatesAreOff()
    {
        var text = Head.Replace("      labels: {app: ds}", "      labels: {app: ds}\n      annotations: {container.apparmor.security.beta.kubernetes.io/c: runtime/default, other: x}")
            + "\n    spec:\n      securityContext: {appArmorProfile: {type: RuntimeDefault}}\n      containers: [{name: c, image: i}]\n";
        var obj = Parse(text);
        TemplatePruner.Prune(obj, null, Gates("1.30", "AppArmor=false,AppArmorFields=false"), out var dropped);
        Assert.Equal(
            new[] { "spec.template.metadata.annotations[container.apparmor.security.beta.kubernetes.io/c]", "spec.template.spec.securityContext.appArmorProfile" },
            dropped!.Select(d => d.Path.ToString()));
    }

    [Fact]
    public void AStoredObjectUsingTheField_KeepsItOnUpdate()
    {
        var stored = Object("hostUsers: false\ncontainers: [{name: c, image: i}]");
        var updated = Object("hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]");
        Assert.Same(updated, TemplatePruner.Prune(updated, stored, Gates("1.32"), out var dropped));
        Assert.Null(dropped);

    }

    [Fact]
    public void ALiveExportHoldingTheField_IsTakenAsStoredUnderTheseGates_SoTheUpdateDropsIt()
    {
        // A live export (it has a resourceVersion) holding hostUsers: a 1.32 cluster with UserNamespacesSupport off cannot have
        // stored it, so the stored object is taken as what such a cluster stores (the v1.31 and v1.32 oracles do the same); the
        // update's hostUsers is dropped and reported, and DS1116 does not check it.
        var live = new BaselineIndex();
        live.Add(Object("hostUsers: false\ncontainers: [{name: c, image: i}]", resourceVersion: "42"));
        var report = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.32") }).ValidateText("ds.yaml", Text("hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]"), live);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DS1116");
        Assert.Equal("spec.template.spec.hostUsers", Assert.Single(report.DroppedFields).Field.Path.ToString());

        // With the gate on, as the cluster that stored it had, the field is kept and checked.
        var gateOn = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.32"), FeatureGates = new[] { new KeyValuePair<string, bool>("UserNamespacesSupport", true) } })
            .ValidateText("ds.yaml", Text("hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]"), live);
        Assert.Contains(gateOn.Findings, f => f.RuleId == "DS1116" && f.Path?.ToString() == "spec.template.spec.hostNetwork");
        Assert.Empty(gateOn.DroppedFields);
    }

    [Fact]
    public void APriorManifestUsingTheField_WasStoredWithoutIt_SoTheUpdateDropsItToo()
    {
        // A prior version from git is what was applied: a 1.32 server with UserNamespacesSupport off dropped hostUsers when
        // it stored it, so the update's hostUsers is dropped as well and nothing checks it (the v1.32 oracle agrees).
        var fromGit = new BaselineIndex();
        fromGit.Add(Object("hostUsers: false\ncontainers: [{name: c, image: i}]"));
        var report = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.32") }).ValidateText("ds.yaml", Text("hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]"), fromGit);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DS1116");
        Assert.Equal("spec.template.spec.hostUsers", Assert.Single(report.DroppedFields).Field.Path.ToString());
    }

    [Fact]
    public void AStoredObjectUsingAnotherField_DoesNotKeepThisOne()
    {
        var stored = Object("securityContext: {supplementalGroupsPolicy: Merge}\ncontainers: [{name: c, image: i}]");
        var updated = Object("hostUsers: false\nsecurityContext: {supplementalGroupsPolicy: Merge}\ncontainers: [{name: c, image: i}]");
        TemplatePruner.Prune(updated, stored, Gates("1.32"), out var dropped);
        Assert.Equal("spec.template.spec.hostUsers", Assert.Single(dropped!).Path.ToString());
    }

    [Fact]
    public void Report_ListsTheDroppedFields_WithTheirSpans_AndRulesDoNotSeeThem()
    {
        var text = Text("hostUsers: false\nhostNetwork: true\ncontainers: [{name: c, image: i}]");
        var report = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.32") }).ValidateText("ds.yaml", text);
        var d = Assert.Single(report.DroppedFields);
        Assert.Equal("spec.template.spec.hostUsers", d.Field.Path.ToString());
        Assert.Equal("ds", d.Object.Name);
        Assert.Equal(text.Split('\n').ToList().FindIndex(l => l.Contains("hostUsers", StringComparison.Ordinal)) + 1, d.Span.Start.Line);
        Assert.DoesNotContain(report.Findings, f => f.RuleId == "DS1116");
    }

    [Fact]
    public void RuleContext_ExposesTheGatesTheOptionsAndTheDroppedFields()
    {
        var probe = new ContextProbe();
        var v = new ManifestValidator(new ValidatorOptions { KubernetesVersion = KubernetesRelease.Parse("1.32") }, new Rule[] { probe });
        v.ValidateText("ds.yaml", Text("hostUsers: false\ncontainers: [{name: c, image: i}]"));
        var ctx = Assert.Single(probe.Seen);
        Assert.Equal("1.32", ctx.Release.ToString());
        Assert.False(ctx.Gates.Enabled(FeatureGate.UserNamespacesSupport));
        Assert.Equal("spec.template.spec.hostUsers", Assert.Single(ctx.DroppedFields).Path.ToString());
        Assert.Null(ctx.PodSpec!["hostUsers"]);
        Assert.True(ctx.PodOptions.AllowRelaxedEnvironmentVariableValidation);
        Assert.Same(ctx.PodOptions, ctx.PodOptions); // computed once per object
        Assert.True(ctx.Options.UserNamespaces); // what remains of hostUsers is validated
    }

    internal static FeatureGateSet Gates(string release, string overrides = "")
    {
        Assert.True(FeatureGateSet.TryParse(overrides, out var pairs, out var e1), e1);
        Assert.True(FeatureGateSet.TryCreate(KubernetesRelease.Parse(release), pairs, out var gates, out var e2), e2);
        return gates;
    }

    internal static string Text(string podSpec) => Head + "\n" + Indent("spec:") + "\n" + Indent(podSpec, 6) + "\n";

    internal static ManifestObject Object(string podSpec, string? resourceVersion = null) => Parse(resourceVersion is null
        ? Text(podSpec)
        : Text(podSpec).Replace("metadata: {name: ds, namespace: default}", $"metadata: {{name: ds, namespace: default, resourceVersion: \"{resourceVersion}\"}}", System.StringComparison.Ordinal));

    private static ManifestObject Parse(string text) => YamlManifestReader.ReadDocuments("ds.yaml", text).SelectMany(d => d.Objects).Single();

    private static (ManifestObject Pruned, IReadOnlyList<DroppedField> Dropped) Prune(string release, string podSpec, string gates = "")
    {
        var pruned = TemplatePruner.Prune(Object(podSpec), null, Gates(release, gates), out var dropped);
        Assert.NotNull(dropped);
        return (pruned, dropped!);
    }

    // The root with spec.template.spec.initContainers[0] replaced.
    private static MappingNode Rebuild(MappingNode root, MappingNode init)
    {
        MappingNode With(MappingNode m, string key, ManifestNode v) =>
            new(m.Span, m.Entries.Select(e => e.Key == key ? new MappingEntry(e.Key, e.KeySpan, v) : e).ToList());
        var spec = (MappingNode)root["spec"]!;
        var template = (MappingNode)spec["template"]!;
        var podSpec = (MappingNode)template["spec"]!;
        var list = (SequenceNode)podSpec["initContainers"]!;
        var newList = new SequenceNode(list.Span, new ManifestNode[] { init });
        return With(root, "spec", With(spec, "template", With(template, "spec", With(podSpec, "initContainers", newList))));
    }

    private static MappingNode Spec(ManifestObject o) => (MappingNode)((MappingNode)((MappingNode)o.Root["spec"]!)["template"]!)["spec"]!;

    private static MappingNode Container(ManifestObject o) => (MappingNode)((SequenceNode)Spec(o)["containers"]!).Items[0];

    private static ManifestNode? FieldPathNode(ManifestObject o, FieldPath path) => o.Resolve(path) is { Exact: true } r ? r.Node : null;

    private static string Indent(string text, int spaces = 4) =>
        string.Join("\n", text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => new string(' ', spaces) + l));

    private sealed class ContextProbe : Rule
    {
        public ContextProbe()
            : base(DaemonLint.Catalog.RuleCatalog.Get("DS1001"))
        {
        }

        public List<RuleContext> Seen { get; } = new();

        public override void Check(RuleContext context) => this.Seen.Add(context);
    }
}
