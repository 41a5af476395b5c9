using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Engine;

namespace DaemonLint.MsBuild.Tests;

/// <summary>
/// The task skips a file only when it cannot hold a DaemonSet (issue 14 item 9): every spelling of the kind the parser
/// accepts (tags, anchors, aliases, escapes, flow style, JSON escapes, UTF-16 and UTF-32) is validated, and the task reports
/// exactly what the core reports for the same bytes.
/// </summary>
public sealed class PreFilterTests : IDisposable
{
    private const string Body = """
        metadata:
          name: fluentd
        spec:
          template:
            metadata:
              labels:
                app: fluentd
            spec:
              containers:
                - name: fluentd
                  image: fluentd:1.16
        """;

    private readonly TempProject project = new();

    public static IEnumerable<object[]> DaemonSets() => new[]
    {
        Yaml("plain", "kind: DaemonSet"),
        Yaml("str tag", "kind: !!str DaemonSet"),
        Yaml("verbatim tag", "kind: !<tag:yaml.org,2002:str> DaemonSet"),
        Yaml("anchor", "kind: &k DaemonSet"),
        Yaml("double-quoted \\u escape", "kind: \"Daemon\\u0053et\""),
        Yaml("double-quoted \\x escape", "kind: \"\\x44aemonSet\""),
        Yaml("double-quoted \\U escape", "kind: \"\\U00000044aemon\\U00000053et\""),
        Yaml("escaped key", "\"\\u006bind\": DaemonSet"),
        Yaml("escaped line break", "kind: \"Daemon\\\n  Set\""),
        Yaml("single-quoted", "kind: 'DaemonSet'"),
        Yaml("block literal", "kind: |-\n  DaemonSet"),
        new object[] { "alias", Utf8("x-kind: &k DaemonSet\napiVersion: apps/v1\nkind: *k\n" + Body) },
        new object[] { "flow style", Utf8("{apiVersion: apps/v1, kind: 'DaemonSet', metadata: {name: f}, spec: {template: {metadata: {labels: {app: f}}, spec: {containers: [{name: f, image: f}]}}}}\n") },
        new object[] { "JSON with \\u escapes", Utf8("{\"apiVersion\":\"apps\\/v1\",\"\\u006bind\":\"Daemon\\u0053et\",\"metadata\":{\"name\":\"f\"},\"spec\":{\"template\":{\"metadata\":{\"labels\":{\"app\":\"f\"}},\"spec\":{\"containers\":[{\"name\":\"f\",\"image\":\"f\"}]}}}}\n") },
        new object[] { "List item", Utf8("apiVersion: v1\nkind: List\nitems:\n- apiVersion: apps/v1\n  kind: \"\\u0044aemonSet\"\n  metadata: {name: f}\n  spec: {template: {metadata: {labels: {app: f}}, spec: {containers: [{name: f, image: f}]}}}\n") },
        new object[] { "UTF-16 LE", Encoded(new UnicodeEncoding(false, true)) },
        new object[] { "UTF-16 BE", Encoded(new UnicodeEncoding(true, true)) },
        new object[] { "UTF-32 LE", Encoded(new UTF32Encoding(false, true)) },
        new object[] { "UTF-32 BE", Encoded(new UTF32Encoding(true, true)) },
        new object[] { "UTF-8 BOM", Encoded(new UTF8Encoding(true)) },
    };

    public static IEnumerable<object[]> NearMisses() => new[]
    {
        Yaml("typo", "kind: DeamonSet"),
        Yaml("folded over two lines", "kind: Daemon\n  Set"),
        Yaml("plural", "kind: DaemonSets"),
        Yaml("escaped typo", "kind: \"Daemon\\u0073et\""),
    };

    public void Dispose() => this.project.Dispose();

    [Theory]
    [MemberData(nameof(DaemonSets))]
    public void EverySpellingOfTheKind_IsValidated_AsTheCoreValidatesIt(string spelling, byte[] bytes)
    {
        var codes = this.Run(bytes, out var validated);

        Assert.True(validated, spelling);
        Assert.Contains("DS1002", codes);
        Assert.Equal(CoreCodes(bytes), codes);
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void NearMissKinds_AreValidated_AsTheCoreValidatesThem(string spelling, byte[] bytes)
    {
        var codes = this.Run(bytes, out var validated);

        Assert.True(validated, spelling);
        Assert.NotEmpty(codes);
        Assert.Equal(CoreCodes(bytes), codes);
    }

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {path: 'C:\\temp\\x'}\n")]
    [InlineData("- hosts: all\n  tasks:\n    - name: install\n      apt: {name: nginx}\n")]
    [InlineData("on: [push]\njobs: {build: {runs-on: ubuntu-latest, steps: [{run: \"echo a\\tb\"}]}}\n")]
    [InlineData("key: [unclosed\n")]
    [InlineData("replicas: {{ .Values.replicas }}\n")]
    [InlineData("kind: Deployment\nmetadata: {name: daemon-settings}\n")]
    public void FilesThatCannotHoldADaemonSet_AreSkippedQuietly(string text)
    {
        var codes = this.Run(Encoding.UTF8.GetBytes(text), out var validated);

        Assert.False(validated);
        Assert.Empty(codes);
    }

    [Theory]
    [InlineData("kind: \"Daemon\\u0053et\"\nmetadata: {name: [x\n")]
    [InlineData("kind: DaemonSet\nmetadata: {name: [x\n")]
    [InlineData("kind: Deamonset\nmetadata: {name: [x\n")]
    public void BrokenFilesThatMaySpellADaemonSet_AreReported(string text)
    {
        var codes = this.Run(Encoding.UTF8.GetBytes(text), out var validated);

        Assert.True(validated);
        Assert.Contains("DS9001", codes);
    }

    [Fact]
    public void InvalidUtf8InADaemonSet_IsReported_NotSkipped()
    {
        var bytes = Encoding.UTF8.GetBytes("apiVersion: apps/v1\nkind: DaemonSet\n# caf").Concat(new byte[] { 0xE9, (byte)'\n' }).Concat(Encoding.UTF8.GetBytes(Body)).ToArray();

        var codes = this.Run(bytes, out var validated);

        Assert.True(validated);
        Assert.Equal(new[] { "DS9003" }, codes);
    }

    [Theory]
    [InlineData("DaemonSet", true)]
    [InlineData("Daemon\n    Set", true)]
    [InlineData("daemon-set", true)]
    [InlineData("DeamonSet", true)]
    [InlineData("DaemnSt", true)]
    [InlineData("x\\y", true)]
    [InlineData("Deployment", false)]
    [InlineData("deployment of a service", false)]
    public void MayNameADaemonSet_IsAConservativeTextTest(string text, bool may) =>
        Assert.Equal(may, ValidateKubernetesManifests.MayNameADaemonSet(text));

    private static object[] Yaml(string spelling, string kindLine) => new object[] { spelling, Utf8("apiVersion: apps/v1\n" + kindLine + "\n" + Body) };

    private static byte[] Utf8(string text) => new UTF8Encoding(false).GetBytes(text.Replace("\r\n", "\n"));

    private static byte[] Encoded(Encoding encoding) =>
        encoding.GetPreamble().Concat(encoding.GetBytes(("apiVersion: apps/v1\nkind: DaemonSet\n" + Body).Replace("\r\n", "\n"))).ToArray();

    private static List<string> CoreCodes(byte[] bytes) =>
        new ManifestValidator().ValidateBytes("ds.yaml", bytes).Findings.Select(f => f.RuleId).OrderBy(c => c, StringComparer.Ordinal).ToList();

    private List<string> Run(byte[] bytes, out bool validated)
    {
        var path = Path.Combine(this.project.Root, "deploy", "ds.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        var (task, engine) = this.project.Task(this.project.Item("deploy/ds.yaml"));
        task.Execute();
        validated = task.ValidatedManifests.Length == 1;
        return engine.Errors.Concat(engine.Warnings).Concat(engine.Messages.Where(m => m.Code is not null))
            .Select(d => d.Code!).OrderBy(c => c, StringComparer.Ordinal).ToList();
    }
}
