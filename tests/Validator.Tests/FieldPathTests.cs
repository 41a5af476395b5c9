using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using DaemonLint.Model;

namespace DaemonLint.Tests;

/// <summary>Field paths: printing, equality, and the memo that builds the paths rules ask for again and again once.</summary>
public sealed class FieldPathTests
{
    // The fields of a container: more than a small memo holds, so the ones past it were built anew at every call.
    private static readonly string[] ContainerFields =
    {
        "name", "image", "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy", "restartPolicy",
        "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe", "lifecycle", "terminationMessagePath",
        "terminationMessagePolicy", "imagePullPolicy", "securityContext", "stdin", "stdinOnce", "tty",
    };

    [Fact]
    public void TheFieldsOfAStruct_AreBuiltOnce_AndEachIsItself()
    {
        var container = FieldPath.Root("spec").Child("template", "spec").Child("containers").Index(0);
        var first = ContainerFields.Select(container.Child).ToList();
        var again = ContainerFields.Select(container.Child).ToList();
        for (var i = 0; i < ContainerFields.Length; i++)
        {
            Assert.Same(first[i], again[i]);
            Assert.Equal("spec.template.spec.containers[0]." + ContainerFields[i], first[i].ToString());
            Assert.Same(container, first[i].Parent);
        }

        Assert.Equal(ContainerFields.Length, first.Distinct().Count());
    }

    [Fact]
    public void NamesThatLandOnTheSameSlot_AreStillTold()
    {
        // Same length, first, middle and last character: the memo's spread puts them on one slot, and they must stay two paths.
        var root = FieldPath.Root("spec");
        var a = root.Child("axxxb");
        var b = root.Child("ayxyb");
        Assert.NotSame(a, b);
        Assert.NotEqual(a, b);
        Assert.Equal("spec.axxxb", a.ToString());
        Assert.Equal("spec.ayxyb", b.ToString());
        Assert.Same(a, root.Child("axxxb"));
        Assert.Same(b, root.Child("ayxyb"));
    }

    [Fact]
    public void PastTheMemo_AndUnderKeys_PathsAreBuiltAnew_AndStillEqual()
    {
        var root = FieldPath.Root("status");
        var names = Enumerable.Range(0, 100).Select(i => "field" + i).ToList();
        var first = names.Select(root.Child).ToList();
        var again = names.Select(root.Child).ToList();
        Assert.All(Enumerable.Range(0, names.Count), i =>
        {
            Assert.Equal(first[i], again[i]);
            Assert.Equal("status." + names[i], again[i].ToString());
        });
        Assert.True(Enumerable.Range(0, names.Count).Count(i => ReferenceEquals(first[i], again[i])) >= 16);

        var key = FieldPath.Root("metadata").Child("labels").Key("app");
        var underKey = key.Child("x");
        var underKeyAgain = key.Child("x");
        Assert.NotSame(underKey, underKeyAgain);
        Assert.Equal(underKey, underKeyAgain);
        Assert.Equal("metadata.labels[app].x", key.Child("x").ToString());
        // The memo of status is full, so status.items is built anew, and so are its children; spec's is not.
        var item = root.Child("items").Index(3);
        var itemAgain = root.Child("items").Index(3);
        Assert.NotSame(item, itemAgain);
        Assert.Equal(item, itemAgain);
        Assert.NotEqual(item, root.Child("items").Index(4));
        var items = FieldPath.Root("spec").Child("items");
        Assert.Same(items.Index(3), items.Index(3));
        Assert.NotSame(items.Index(1000), items.Index(1000));
        Assert.Equal("spec.items[1000].name", items.Index(1000).Child("name").ToString());
    }

    [Fact]
    public void ThreadsThatRaceForTheSameChildren_GetOnePathEach()
    {
        var root = FieldPath.Root("race");
        var results = new FieldPath[8][];
        Parallel.For(0, results.Length, t => results[t] = ContainerFields.Select(root.Child).ToArray());
        for (var i = 0; i < ContainerFields.Length; i++)
        {
            Assert.All(results, r => Assert.Same(results[0][i], r[i]));
        }
    }
}
