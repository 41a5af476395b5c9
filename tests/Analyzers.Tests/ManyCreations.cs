using System.Text;

namespace DaemonLint.Analyzers.Tests;

/// <summary>Generates one method that creates thousands of DaemonSets sharing locals (issue 14: the analyzer must stay linear).</summary>
internal static class ManyCreations
{
    /// <summary>A class with one method creating <paramref name="count"/> DaemonSets; the last one has restartPolicy OnFailure.</summary>
    public static string Source(int count)
    {
        var sb = new StringBuilder(Verifier.Usings);
        sb.Append("public static class Manifests\n{\n    public static List<V1DaemonSet> Build()\n    {\n");
        sb.Append("        var labels = new Dictionary<string, string> { [\"app\"] = \"agent\" };\n");
        sb.Append("        var containers = new List<V1Container> { new V1Container { Name = \"c\", Image = \"busybox:1.36\" } };\n");
        sb.Append("        var all = new List<V1DaemonSet>();\n");
        for (var i = 0; i < count; i++)
        {
            var policy = i == count - 1 ? "OnFailure" : "Always";
            sb.Append("        var ds").Append(i).Append(" = new V1DaemonSet { Metadata = new V1ObjectMeta { Name = \"ds").Append(i)
                .Append("\" }, Spec = new V1DaemonSetSpec { Selector = new V1LabelSelector { MatchLabels = labels }, Template = new V1PodTemplateSpec { Metadata = new V1ObjectMeta { Labels = labels }, Spec = new V1PodSpec { RestartPolicy = \"")
                .Append(policy).Append("\", Containers = containers } } } };\n");
            sb.Append("        all.Add(ds").Append(i).Append(");\n");
        }

        sb.Append("        return all;\n    }\n}\n");
        return sb.ToString();
    }
}
