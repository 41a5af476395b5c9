using System.Collections.Generic;
using DaemonLint.Releases;
using DaemonLint.Schema;

namespace DaemonLint.Tests.Schema;

/// <summary>A schema node's property lookup (the walk of every object asks it once per field) answers as its properties say.</summary>
public sealed class SchemaPropertyLookupTests
{
    [Fact]
    public void EveryProperty_OfEveryNodeOfEveryRelease_IsFound_AndNearNamesAreNot()
    {
        var checkedNames = 0;
        foreach (var r in KubernetesRelease.Supported)
        {
            var seen = new HashSet<SchemaNode>(ReferenceEqualityComparer.Instance);
            var todo = new Stack<SchemaNode>();
            todo.Push(SchemaSet.For(r).ForKind("apps/v1", "DaemonSet")!);
            while (todo.Count > 0)
            {
                var node = todo.Pop();
                if (!seen.Add(node))
                {
                    continue;
                }

                foreach (var (name, property) in node.Properties)
                {
                    Assert.True(node.TryGetProperty(name, out var found), $"{node}.{name} in {r}");
                    Assert.Same(property, found);
                    checkedNames++;

                    // Names that share the length, first, middle or last character of a property, or differ in case only.
                    foreach (var near in new[] { name + "s", name.Substring(0, name.Length - 1), char.ToUpperInvariant(name[0]) + name.Substring(1), name.Substring(0, name.Length - 1) + "X", "x" + name.Substring(1) })
                    {
                        Assert.Equal(node.Properties.ContainsKey(near), node.TryGetProperty(near, out _));
                    }

                    todo.Push(property);
                }

                if (node.MapValue is { } value)
                {
                    todo.Push(value);
                }

                if (node.Items is { } items)
                {
                    todo.Push(items);
                }
            }

            Assert.False(SchemaSet.For(r).ForKind("apps/v1", "DaemonSet")!.TryGetProperty(string.Empty, out _));
        }

        Assert.True(checkedNames > 1000, checkedNames.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
