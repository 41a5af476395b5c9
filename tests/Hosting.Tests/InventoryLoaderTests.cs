using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Catalog;
using DaemonLint.Cli.Tests;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Tests;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting.Tests;

/// <summary>
/// The one inventory loader (<c>--nodes</c>, <c>--pods</c>, <c>DaemonLintNodes</c>, <c>DaemonLintPods</c>): the host reader's
/// rules (regular files only, a size limit, no exception for a bad file), the text check, the JSON seam, empty Lists.
/// </summary>
public sealed class InventoryLoaderTests
{
    private const string TwoNodes = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Node, metadata: {name: a, labels: {pool: web}}, status: {allocatable: {cpu: '4'}}}\n- {apiVersion: v1, kind: Node, metadata: {name: b}}\n";

    [Fact]
    public void Fifo_AsPodInventory_IsNotARegularFile_AndIsNeverOpened()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // no FIFOs in the file system there
        }

        using var dir = new TempFolder();
        Assert.Equal(0, ProcessRunner.Run("mkfifo", new[] { Path.Combine(dir.Path, "pods.yaml") }, dir.Path, TimeSpan.FromSeconds(30)).ExitCode);
        var watch = Stopwatch.StartNew();

        var pods = new InventoryLoader(new InputReader(dir.Path)).LoadPods(new[] { "pods.yaml" }, out var load);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Empty(pods.Pods);
        var finding = Assert.Single(load.Findings);
        Assert.Equal((RuleCatalog.DS9002_FileUnreadable.Id, "pods.yaml"), (finding.RuleId, finding.File));
        Assert.Contains("not a regular file", finding.Message);
        Assert.False(load.Complete);
    }

    [Fact]
    public void InventoryLimit_AppliesToPods_AndTheManifestLimitDoesNot()
    {
        using var dir = new TempFolder();
        dir.Write("nodes.yaml", TwoNodes + new string('#', 5000) + "\n");
        dir.Write("pods.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {nodeName: a}\n" + new string('#', 5000) + "\n");
        var reader = new InputReader(dir.Path, ReaderLimits.Default with { MaxFileBytes = 1000, MaxInventoryBytes = 6000 });
        var loader = new InventoryLoader(reader);

        // An inventory over the manifest limit but within its own is read whole.
        var nodes = loader.LoadNodes(new[] { "nodes.yaml" }, out var nodeLoad);
        Assert.Equal(new[] { "a", "b" }, nodes.Nodes.Select(n => n.Name));
        Assert.True(nodeLoad.Complete);

        // Over the inventory limit: DS9005, nothing read.
        var small = new InventoryLoader(new InputReader(dir.Path, ReaderLimits.Default with { MaxInventoryBytes = 1000 }));
        var pods = small.LoadPods(new[] { "pods.yaml" }, out var podLoad);
        Assert.Empty(pods.Pods);
        var finding = Assert.Single(podLoad.Findings);
        Assert.Equal((RuleCatalog.DS9005_FileTooLarge.Id, Severity.Error, "pods.yaml"), (finding.RuleId, finding.Severity, finding.File));
        Assert.StartsWith("the inventory has 5,06", finding.Message);
        Assert.EndsWith("more than the limit of 1,000 for a node or pod inventory, so it is not read", finding.Message);
        Assert.False(podLoad.Complete);
    }

    [Fact]
    public void EmptyList_IsCounted_StandardInputAndMissingPathsAreMissing_AnEmptyFolderIsSaidSo()
    {
        using var dir = new TempFolder();
        dir.Write("empty.yaml", "apiVersion: v1\nkind: List\nitems: []\nmetadata: {resourceVersion: \"\"}\n");
        dir.Write("json/empty.json", "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": []}\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "nothing"));
        var loader = new InventoryLoader(new InputReader(dir.Path));

        var nodes = loader.LoadNodes(new[] { "empty.yaml", "json", "-", "missing.yaml", "nothing" }, out var load);

        Assert.Empty(nodes.Nodes);
        Assert.Equal(2, load.EmptyLists);
        Assert.Equal(2, load.Files);
        Assert.Equal(new[] { "-", "missing.yaml" }, load.Missing.OrderBy(m => m, StringComparer.Ordinal));
        var folder = Assert.Single(load.Findings);
        Assert.Equal((RuleCatalog.DS9007_NoManifests.Id, "nothing"), (folder.RuleId, folder.File));
        Assert.False(load.Complete);
    }

    [Fact]
    public void BinaryAndInvalidUtf8_AreNotText_Located_AndOtherEncodingsAreRead()
    {
        using var dir = new TempFolder();
        dir.Write("binary.yaml", new byte[] { (byte)'a', (byte)':', 0, 1, 2 });
        dir.Write("latin1.yaml", Encoding.Latin1.GetBytes("apiVersion: v1\nkind: Node\nmetadata: {name: caf\u00e9}\n"));
        dir.Write("utf16.yaml", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("apiVersion: v1\nkind: Node\nmetadata: {name: n16}\n")).ToArray());
        dir.Write("bom.yaml", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("apiVersion: v1\nkind: Node\nmetadata: {name: n8}\n")).ToArray());
        var loader = new InventoryLoader(new InputReader(dir.Path));

        var nodes = loader.LoadNodes(new[] { "binary.yaml", "latin1.yaml", "utf16.yaml", "bom.yaml" }, out var load);

        Assert.Equal(new[] { "n16", "n8" }, nodes.Nodes.Select(n => n.Name).OrderBy(n => n, StringComparer.Ordinal));
        Assert.Equal(2, load.Findings.Count);
        var binary = load.Findings.Single(f => f.File == "binary.yaml");
        Assert.Equal((RuleCatalog.DS9003_NotText.Id, 1, 3), (binary.RuleId, binary.Span.Start.Line, binary.Span.Start.Column));
        Assert.Contains("binary", binary.Message);
        var latin1 = load.Findings.Single(f => f.File == "latin1.yaml");
        Assert.Equal((RuleCatalog.DS9003_NotText.Id, 3, 21), (latin1.RuleId, latin1.Span.Start.Line, latin1.Span.Start.Column));
        Assert.Contains("not valid UTF-8 (byte 0xE9 at offset 46)", latin1.Message);
    }

    [Fact]
    public void SyntaxErrors_AreLocatedFindings_AndTheObjectsBeforeThemAreKept()
    {
        using var dir = new TempFolder();
        dir.Write("nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Node\nmetadata: {name: \"\\UFFFFFFFF\"}\n");

        var nodes = new InventoryLoader(new InputReader(dir.Path)).LoadNodes(new[] { "nodes.yaml" }, out var load);

        Assert.Equal(new[] { "a" }, nodes.Nodes.Select(n => n.Name));
        var f = Assert.Single(load.Findings);
        Assert.Equal((RuleCatalog.DS9001_YamlSyntax.Id, "nodes.yaml", 7), (f.RuleId, f.File, f.Span.Start.Line));
        Assert.Contains("names no Unicode character", f.Message);
    }

    [Fact]
    public void JsonFiles_GoToThePluggedParser_YamlFilesAndUtf16JsonDoNot_WithoutOneJsonIsReadAsYaml()
    {
        using var dir = new TempFolder();
        dir.Write("a/nodes.json", "\uFEFF \n{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"j\"}}]}");
        dir.Write("a/nodes.yaml", "apiVersion: v1\nkind: Node\nmetadata: {name: yml}\n");
        dir.Write("a/utf16.json", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("{\"apiVersion\": \"v1\", \"kind\": \"Node\", \"metadata\": {\"name\": \"u\"}}")).ToArray());
        var parser = new RecordingParser();

        var withParser = new InventoryLoader(new InputReader(dir.Path), parser).LoadNodes(new[] { "a" }, out var load1);
        var withoutParser = new InventoryLoader(new InputReader(dir.Path)).LoadNodes(new[] { "a" }, out var load2);

        Assert.Equal(new[] { "a/nodes.json" }, parser.Files);
        Assert.Equal(new[] { "j", "yml", "u" }, withParser.Nodes.Select(n => n.Name));
        Assert.Equal(new[] { "j", "yml", "u" }, withoutParser.Nodes.Select(n => n.Name));
        Assert.Empty(load1.Findings);
        Assert.Empty(load2.Findings);
    }

    [Fact]
    public void PodProblems_AreDS3010Findings_InTheirFile()
    {
        using var dir = new TempFolder();
        dir.Write("pods.yaml", "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: p, namespace: x}\n  spec:\n    nodeName: a\n    containers: [{name: c, resources: {requests: {cpu: lots}}}]\n");

        var pods = new InventoryLoader(new InputReader(dir.Path)).LoadPods(new[] { "pods.yaml" }, out var load);

        Assert.Single(pods.Pods);
        var f = Assert.Single(load.Findings);
        Assert.Equal((RuleCatalog.DS3010_InventoryPodMustBeReadable.Id, Severity.Warning, "pods.yaml", 9), (f.RuleId, f.Severity, f.File, f.Span.Start.Line));
        Assert.Equal("spec.containers[0].resources.requests[cpu]", f.Path!.ToString());
        Assert.StartsWith("pod x/p: ", f.Message);
        Assert.True(load.Complete);
    }

    [Theory]
    [InlineData("{", true)]
    [InlineData(" \r\n\t[", true)]
    [InlineData("\uFEFF \n {", true)]
    [InlineData("apiVersion: v1", false)]
    [InlineData("# {", false)]
    [InlineData("", false)]
    public void LooksLikeJson_ByItsFirstCharacter(string text, bool json) =>
        Assert.Equal(json, InventoryLoader.LooksLikeJson(new UTF8Encoding(false).GetBytes(text)));

    /// <summary>A JSON parser that records the files it was given and reads them as YAML.</summary>
    private sealed class RecordingParser : IJsonInventoryParser
    {
        public List<string> Files { get; } = new();

        public InventoryDocuments Parse(string file, byte[] bytes, ReaderLimits limits, Action<ManifestObject> onObject)
        {
            this.Files.Add(file);
            return InventoryReader.Read(file, new StreamReader(new MemoryStream(bytes), Encoding.UTF8), limits, onObject);
        }
    }
}
