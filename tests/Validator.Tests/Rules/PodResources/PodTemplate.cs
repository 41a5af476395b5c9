using System.Linq;

namespace DaemonLint.Tests.Rules.PodResources;

/// <summary>Wraps a pod spec body into a DaemonSet whose pod spec starts on line 9.</summary>
internal static class PodTemplate
{
    public static string Ds(string podSpec)
    {
        var body = string.Join("\n", podSpec.Replace("\r\n", "\n").Split('\n').Select(l => l.Length == 0 ? l : "      " + l));
        return "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: ds}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n" + body + "\n";
    }
}
