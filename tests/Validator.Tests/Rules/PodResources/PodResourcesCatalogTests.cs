using System.IO;
using System.Linq;
using DaemonLint.Catalog;
using DaemonLint.Rules;

namespace DaemonLint.Tests.Rules.PodResources;

public sealed class PodResourcesCatalogTests
{
    private static readonly RuleDescriptor[] Descriptors = RuleCatalog.All
        .Where(d => string.CompareOrdinal(d.Id, "DS1300") >= 0 && string.CompareOrdinal(d.Id, "DS1500") < 0)
        .ToArray();

    [Fact]
    public void EveryId_HasOneRule_AndWellFormedMetadata()
    {
        Assert.NotEmpty(Descriptors);
        foreach (var d in Descriptors)
        {
            Assert.Single(RuleSet.All, r => r.Descriptor.Id == d.Id);
            Assert.False(d.Title.EndsWith(".", System.StringComparison.Ordinal), d.Id);
            Assert.EndsWith(".", d.Description);
            Assert.False(string.IsNullOrEmpty(d.Upstream), d.Id);
        }
    }

    [Fact]
    public void EveryId_HasFixturesThatFireAndThatDoNot()
    {
        foreach (var d in Descriptors)
        {
            var dir = Path.Combine(RepoPaths.Fixtures, d.Id);
            Assert.True(Directory.Exists(dir), d.Id);
            Assert.NotEmpty(Directory.GetFiles(dir, "dont-fire*.yaml"));

            Assert.NotEmpty(Directory.GetFiles(dir, "fires*.yaml"));
        }
    }
}
