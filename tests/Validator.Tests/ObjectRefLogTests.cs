using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using DaemonLint.Engine;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>
/// The checked objects of a file, logged as text while the file is validated (<see cref="ObjectRefLog"/>) and made into
/// <see cref="ObjectRef"/>s when a host asks: the same objects in the same order, and nothing of the objects kept alive.
/// </summary>
public sealed class ObjectRefLogTests
{
    public static TheoryData<int> Counts => new() { 0, 1, 15, 16, 17, 1000 };

    [Theory]
    [MemberData(nameof(Counts))]
    public void TheLog_GivesBackEveryObject_InOrder(int count)
    {
        var refs = Enumerable.Range(0, count).Select(Sample).ToList();
        Assert.Equal(refs, RoundTrip(refs, out var logged));
        Assert.Equal(count, logged);
    }

    [Fact]
    public void TheLog_KeepsNoStringOfTheObject_ButSharesEqualTextsOfConsecutiveObjects()
    {
        var first = new ObjectRef("f.yaml", 0, Copy("apps/v1"), Copy("DaemonSet"), Copy("kube-system"), Copy("a"));
        var second = new ObjectRef("f.yaml", 1, Copy("apps/v1"), Copy("DaemonSet"), Copy("monitoring"), Copy("a"));
        var back = RoundTrip([first, second], out _);

        Assert.Equal(new[] { first, second }, back);
        Assert.NotSame(first.ApiVersion, back[0].ApiVersion);
        Assert.NotSame(first.Name, back[0].Name);
        Assert.NotSame(second.Namespace, back[1].Namespace);
        Assert.Same(back[0].ApiVersion, back[1].ApiVersion);
        Assert.Same(back[0].Kind, back[1].Kind);
        Assert.NotEqual(back[0].Namespace, back[1].Namespace);
        Assert.Same(first.File, back[0].File); // the host's file name, one string for the file
    }

    [Fact]
    public void NullAndEmptyTexts_StayApart()
    {
        var refs = new[]
        {
            new ObjectRef(null, 0, null, null, null, null),
            new ObjectRef(null, 1, string.Empty, string.Empty, string.Empty, string.Empty),
            new ObjectRef(null, 2, null, "DaemonSet", null, string.Empty),
            new ObjectRef("x", 3, string.Empty, null, string.Empty, null),
        };
        Assert.Equal(refs, RoundTrip(refs, out _));
    }

    [Fact]
    public void ALongName_GrowsTheText()
    {
        var longName = new string('n', 10_000);
        var refs = new[] { Sample(0), new ObjectRef("f", 1, "v1", "DaemonSet", null, longName), Sample(2) };
        Assert.Equal(refs, RoundTrip(refs, out _));
    }

    [Fact]
    public void AReport_CountsItsObjectsWithoutMakingThem_AndAddsAfterThoseItMade()
    {
        var report = FileReport.Of("f.yaml", 0, [], [], []);
        report.AddChecked(Sample(0));
        report.AddChecked(Sample(1));
        Assert.Equal(2, report.DaemonSets);
        Assert.Equal(new[] { Sample(0), Sample(1) }, report.CheckedObjects);
        report.AddChecked(Sample(2));
        Assert.Same(report.CheckedObjects, report.CheckedObjects);
        Assert.Equal(new[] { Sample(0), Sample(1), Sample(2) }, report.CheckedObjects);
        Assert.Equal(3, report.DaemonSets);
    }

    [Fact]
    public void AValidatedFile_ReportsItsDaemonSets_AsWritten()
    {
        var text = string.Join(
            "---\n",
            Enumerable.Range(0, 40).Select(i => $"apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: ds-{i}\n  namespace: ns-{i % 3}\nspec: {{}}\n")
                .Append("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-checked\n"));
        var report = new ManifestValidator().ValidateText("many.yaml", text);
        Assert.Equal(40, report.DaemonSets);
        Assert.Equal(
            Enumerable.Range(0, 40).Select(i => new ObjectRef("many.yaml", i, "apps/v1", "DaemonSet", "ns-" + (i % 3).ToString(CultureInfo.InvariantCulture), "ds-" + i.ToString(CultureInfo.InvariantCulture))),
            report.CheckedObjects);
    }

    [Fact]
    public void TheFindingsOfAFile_NameTheirCheckedObjects_AsValidatingEachObjectDoes()
    {
        // Findings on several DaemonSets (two of them items of one List), a document whose duplicate key is an input problem
        // between them, an object with no finding, and an unused ignore annotation (DS9010, made with its object).
        const string Bad = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: {0}\n  namespace: ns\nspec:\n  selector:\n    matchLabels: {{app: a}}\n  template:\n    metadata:\n      labels: {{app: b}}\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: i}}]\n";
        var text = string.Format(CultureInfo.InvariantCulture, Bad, "first")
            + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  name: cm\n"
            + "---\napiVersion: v1\nkind: List\nitems:\n"
            + string.Join(string.Empty, string.Format(CultureInfo.InvariantCulture, Bad, "in-list-1").Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select((l, i) => (i == 0 ? "- " : "  ") + l + "\n"))
            + string.Join(string.Empty, string.Format(CultureInfo.InvariantCulture, Bad, "in-list-2").Split('\n', System.StringSplitOptions.RemoveEmptyEntries).Select((l, i) => (i == 0 ? "- " : "  ") + l + "\n"))
            + "---\napiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: clean\n  annotations: {daemonlint.io/ignore: DS4003}\nspec:\n  selector:\n    matchLabels: {app: a}\n  template:\n    metadata:\n      labels: {app: a}\n    spec:\n      containers: [{name: c, image: i}]\n";
        var validator = new ManifestValidator();
        var report = validator.ValidateText("f.yaml", text);

        Assert.Equal(new[] { "first", "in-list-1", "in-list-2", "clean" }, report.CheckedObjects.Select(o => o.Name));
        Assert.Contains(report.Findings, f => f.RuleId == "DS9004" && f.Object is null);
        Assert.Contains(report.Findings, f => f.RuleId == "DS9010" && f.Object?.Name == "clean");
        var expected = new List<Finding>();
        foreach (var doc in DaemonLint.Yaml.YamlManifestReader.ReadDocuments("f.yaml", text))
        {
            foreach (var o in doc.Objects)
            {
                validator.ValidateObject(o, null, expected);
            }
        }

        var ofObjects = report.Findings.Where(f => f.Object is not null).ToList();
        Assert.Equal(expected.Count, ofObjects.Count);
        Assert.True(expected.Count > 6, string.Join("\n", expected.Select(f => f.RuleId)));
        foreach (var f in ofObjects)
        {
            Assert.Contains(f, expected); // the same finding, its object included
            Assert.Contains(f.Object, report.CheckedObjects);
        }
    }

    // Logs the objects, then makes them again; logged: the log's count before they are made.
    private static List<ObjectRef> RoundTrip(IEnumerable<ObjectRef> refs, out int logged)
    {
        var log = new ObjectRefLog();
        foreach (var r in refs)
        {
            log.Add(r);
        }

        logged = log.Count;
        var back = new List<ObjectRef>();
        log.CopyTo(back);
        return back;
    }

    private static ObjectRef Sample(int i) =>
        new("file.yaml", i, i % 2 == 0 ? "apps/v1" : "extensions/v1beta1", "DaemonSet", i % 3 == 0 ? null : "ns" + (i % 3).ToString(CultureInfo.InvariantCulture), "name-" + i.ToString(CultureInfo.InvariantCulture));

    private static string Copy(string s) => new(s.ToCharArray());
}
