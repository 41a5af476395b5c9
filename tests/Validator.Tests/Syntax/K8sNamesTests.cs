using System.Linq;
using System.Threading.Tasks;
using DaemonLint.Model;
using DaemonLint.Rules.Support;
using DaemonLint.Syntax;

namespace DaemonLint.Tests.Syntax;

/// <summary>The allocation-free fast paths give the same answers as the full checks.</summary>
public sealed class K8sNamesTests
{
    [Theory]
    [InlineData("app", true)]
    [InlineData("app.kubernetes.io/name", true)]
    [InlineData("kubernetes.io/hostname", true)]
    [InlineData("a/b", true)]
    [InlineData("Example.com/name", false)] // the prefix is a DNS subdomain: lower case
    [InlineData("example.com/", false)]
    [InlineData("/name", false)]
    [InlineData("a/b/c", false)]
    [InlineData("example.com/-name", false)]
    [InlineData("example..com/name", false)]
    public void LabelKeys_PrefixedOrNot(string key, bool valid)
    {
        var errors = K8sNames.IsLabelKey(key);
        Assert.Equal(valid, errors.Count == 0);
    }

    [Theory]
    [InlineData("key.name", new string[0])]
    [InlineData("KEY_NAME-1", new string[0])]
    [InlineData(".hidden", new string[0])]
    [InlineData("", new[] { "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')" })]
    [InlineData("a/b", new[] { "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')" })]
    [InlineData(".", new[] { "must not be '.'" })]
    [InlineData("..", new[] { "must not be '..'" })]
    [InlineData("..a", new[] { "must not start with '..'" })]
    public void ConfigMapKeys(string key, string[] messages) => Assert.Equal(messages, K8sNames.IsConfigMapKey(key));

    [Fact]
    public void ConfigMapKeys_AtMost253Characters()
    {
        Assert.Empty(K8sNames.IsConfigMapKey(new string('a', 253)));
        Assert.Equal(new[] { "must be no more than 253 characters" }, K8sNames.IsConfigMapKey(new string('a', 254)));
    }

    [Theory]
    [InlineData("X-Header-Name", true)]
    [InlineData("accept", true)]
    [InlineData("", false)]
    [InlineData("X_Header", false)]
    [InlineData("Host:", false)]
    [InlineData("Ä", false)]
    public void HttpHeaderNames(string name, bool valid) => Assert.Equal(valid, K8sNames.IsHttpHeaderName(name).Count == 0);

    [Fact]
    public void LabelKeys_PrefixAndNameLimits()
    {
        Assert.Empty(K8sNames.IsLabelKey(new string('a', 253) + "/" + new string('b', 63)));
        Assert.Contains(K8sNames.IsLabelKey(new string('a', 254) + "/b"), m => m.StartsWith("prefix part", System.StringComparison.Ordinal));
        Assert.Contains(K8sNames.IsLabelKey("a/" + new string('b', 64)), m => m.StartsWith("name part", System.StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("..", true)]
    [InlineData("../x", true)]
    [InlineData("a/../b", true)]
    [InlineData("a/..", true)]
    [InlineData("/..", true)]
    [InlineData("...", false)]
    [InlineData("a..b", false)]
    [InlineData("..a/b", false)]
    [InlineData("", false)]
    [InlineData("a//b", false)]
    public void Backsteps_AreWholePathElements(string path, bool expected) => Assert.Equal(expected, PodFields.HasBacksteps(path));
}

/// <summary>Memoized paths are shared, equal to fresh ones, and safe to build from many threads.</summary>
public sealed class FieldPathMemoTests
{
    [Fact]
    public void FieldsAndSmallIndexes_AreMemoized_KeysAndLargeIndexesAreNot()
    {
        var root = FieldPath.Root("spec");
        var firstTemplate = root.Child("template");
        var secondTemplate = root.Child("template");
        Assert.Same(firstTemplate, secondTemplate);
        var firstIndex = root.Child("a").Index(3);
        var secondIndex = root.Child("a").Index(3);
        Assert.Same(firstIndex, secondIndex);
        var firstKey = root.Key("app");
        var secondKey = root.Key("app");
        Assert.NotSame(firstKey, secondKey);
        Assert.Equal(firstKey, secondKey); // equal by value though not shared
        var firstLarge = root.Index(100);
        var secondLarge = root.Index(100);
        Assert.NotSame(firstLarge, secondLarge);
        Assert.Equal("spec.a[100]", root.Child("a").Index(100).ToString());
        Assert.Equal(FieldPath.Parse("spec[app]"), firstKey);
    }

    [Fact]
    public void AParentWithManyChildren_StillBuildsEachCorrectly()
    {
        var root = FieldPath.Root("x");
        var names = Enumerable.Range(0, 40).Select(i => "f" + i).ToArray();
        foreach (var n in names)
        {
            Assert.Equal("x." + n, root.Child(n).ToString());
        }

        Assert.Equal("x.f39", root.Child("f39").ToString());
    }

    [Fact]
    public void ConcurrentBuilders_GetEqualPaths()
    {
        var root = FieldPath.Root("spec");
        var built = new FieldPath[64];
        Parallel.For(0, built.Length, i => built[i] = root.Child("c" + (i % 12)).Index(i % 20));
        for (var i = 0; i < built.Length; i++)
        {
            Assert.Equal($"spec.c{i % 12}[{i % 20}]", built[i].ToString());
        }
    }
}
