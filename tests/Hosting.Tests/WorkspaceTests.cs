using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Cli.Tests;
using DaemonLint.Model;

namespace DaemonLint.Hosting.Tests;

/// <summary>Configuration per folder: the nearest .daemonlint.yaml, its cluster settings under the host's, .editorconfig severities.</summary>
public sealed class WorkspaceTests
{
    private const string Privileged = """
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
              containers:
                - name: agent
                  image: busybox:1.36
                  securityContext:
                    privileged: true
        """;

    [Fact]
    public void NearestConfiguration_WinsPerFolder_AndItsClusterSettingsApply()
    {
        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n");
        dir.Write(".daemonlint.yaml", "disallowPrivileged: true\nnamespace: kube-system\n");
        dir.Write("team/.daemonlint.yaml", "userNamespaces: true\n");
        var top = dir.Write("ds.yaml", Privileged);
        var team = dir.Write("team/ds.yaml", Privileged);
        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path });

        var topResult = workspace.Check(new SourceFile("ds.yaml", top), CheckSources.None);
        var teamResult = workspace.Check(new SourceFile("team/ds.yaml", team), CheckSources.None);

        Assert.Contains(topResult.Findings, f => f.RuleId == "DS1320");
        Assert.DoesNotContain(teamResult.Findings, f => f.RuleId == "DS1320");
        Assert.Equal("kube-system", workspace.ContextFor(new SourceFile("ds.yaml", top)).Cluster.EffectiveNamespace);
        Assert.Equal("default", workspace.ContextFor(new SourceFile("team/ds.yaml", team)).Cluster.EffectiveNamespace);
        Assert.True(workspace.ContextFor(new SourceFile("team/ds.yaml", team)).Cluster.UserNamespaces);
    }

    [Fact]
    public void HostSettings_WinOverTheFiles()
    {
        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n");
        dir.Write(".daemonlint.yaml", "disallowPrivileged: true\nnamespace: kube-system\n");
        var file = dir.Write("ds.yaml", Privileged);
        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path, Cluster = new ClusterOptions { DisallowPrivileged = false, Namespace = "ops" } });

        var result = workspace.Check(new SourceFile("ds.yaml", file), CheckSources.None);

        Assert.DoesNotContain(result.Findings, f => f.RuleId == "DS1320");
        Assert.Equal("ops", workspace.ContextFor(new SourceFile("ds.yaml", file)).Cluster.Namespace);
    }

    [Fact]
    public void UnknownKeysAndBadValues_AreConfigurationErrors_AndUnusedEntriesAreDS9010()
    {
        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n");
        dir.Write(".daemonlint.yaml", "namespace: Not_A_Label\ndisallowPrivileged: maybe\nkubernetes: 1.31\nignore:\n  - rules: [DS1009]\n");
        var file = dir.Write("ds.yaml", Manifests.Clean);
        var workspace = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path });

        workspace.Check(new SourceFile("ds.yaml", file), CheckSources.None);
        var findings = workspace.ConfigurationFindings();

        Assert.True(workspace.HasConfigurationErrors());
        Assert.Equal(
            new[] { (1, RuleCatalog.DS9009_ConfigurationError.Id), (2, RuleCatalog.DS9009_ConfigurationError.Id), (3, RuleCatalog.DS9009_ConfigurationError.Id), (5, RuleCatalog.DS9010_UnusedSuppression.Id) },
            findings.Select(f => (f.Span.Start.Line, f.RuleId)));
        Assert.All(findings, f => Assert.Equal(".daemonlint.yaml", f.File));
    }

    [Fact]
    public void ImplicitNamespace_IsMatchedInTheNamespaceInForce_AndAMissedMatchIsNotSilent()
    {
        using var dir = new TempFolder();
        dir.Write(".editorconfig", "root = true\n");
        dir.Write("live/ds.yaml", Manifests.DaemonSet("agent", "agent")); // kubectl get ds -A -o yaml: in kube-system
        var file = dir.Write("deploy/ds.yaml", Manifests.DaemonSet("agent", "changed").Replace("  namespace: kube-system\n", string.Empty));
        var source = new SourceFile("deploy/ds.yaml", file);

        var asDefault = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path });
        var defaultResult = asDefault.Check(source, new CheckSources { Baseline = BaselineFiles.Read(asDefault.Reader, new[] { "live" }) });
        var inKubeSystem = new Workspace(new WorkspaceSettings { BaseDirectory = dir.Path, Cluster = new ClusterOptions { Namespace = "kube-system" } });
        var kubeSystemResult = inKubeSystem.Check(source, new CheckSources { Baseline = BaselineFiles.Read(inKubeSystem.Reader, new[] { "live" }) });

        Assert.DoesNotContain(defaultResult.Findings, f => f.RuleId == RuleCatalog.DS1005_SelectorIsImmutable.Id);
        Assert.Contains("'kube-system'", Assert.Single(defaultResult.Notices));
        Assert.Contains(kubeSystemResult.Findings, f => f.RuleId == RuleCatalog.DS1005_SelectorIsImmutable.Id);
        Assert.Empty(kubeSystemResult.Notices);
    }

    [Fact]
    public void CanonicalLine_IsWrittenOnce()
    {
        var f = new Finding
        {
            RuleId = "DS1009",
            Severity = Severity.Error,
            Message = "m",
            Kind = FindingKind.Invalid,
            File = "a.yaml",
            Span = new SourceSpan(new SourcePosition(3, 5, 0), new SourcePosition(3, 6, 1)),
            Path = FieldPath.Root("spec").Child("x"),
        };

        Assert.Equal("a.yaml(3,5): error DS1009: m [spec.x]", FindingText.Line(f));
        Assert.Equal("<input>: error DS1009: m", FindingText.Line(f with { File = null, Span = SourceSpan.None, Path = null }));
    }
}
