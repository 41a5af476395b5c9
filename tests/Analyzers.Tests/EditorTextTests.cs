using System.Globalization;
using System.Linq;
using System.Threading.Tasks;

namespace DaemonLint.Analyzers.Tests;

/// <summary>
/// What an editor shows (issue 17 items 4 and 5): the server's short text inline, the hint in the diagnostic's description
/// (Visual Studio's error list and its language-server client show it), no help URL in the message (the help link carries
/// it), and a removed apiVersion reported with the findings the object gets as apps/v1, marked so.
/// </summary>
public sealed class EditorTextTests
{
    private const string Source = Verifier.Usings + """
        public static class Manifests
        {
            public static V1DaemonSet Build() => new V1DaemonSet
            {
                ApiVersion = "API",
                Metadata = new V1ObjectMeta { Name = "agent" },
                Spec = new V1DaemonSetSpec
                {
                    Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "a" } },
                    Template = new V1PodTemplateSpec
                    {
                        Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "a" } },
                        Spec = new V1PodSpec { RestartPolicy = "OnFailure", Containers = [new V1Container { Name = "c", Image = "i" }] },
                    },
                },
            };
        }
        """;

    [Fact]
    public void Message_IsTheServersText_TheHintIsTheDescription_AndAProperty()
    {
        var (errors, found) = KubernetesCompilation.Analyze(Source.Replace("API", "apps/v1"));

        Assert.Empty(errors);
        var d = Assert.Single(found);
        Assert.Equal("DS1009", d.Id);
        Assert.Equal("Unsupported value: \"OnFailure\": supported values: \"Always\" [spec.template.spec.restartPolicy]", d.GetMessage(CultureInfo.InvariantCulture));
        var hint = "DaemonSet pods must restart Always; remove restartPolicy or set it to Always";
        Assert.Equal(hint, d.Properties["hint"]);
        var description = d.Descriptor.Description.ToString(CultureInfo.InvariantCulture);
        Assert.StartsWith(hint + ".", description);
        Assert.EndsWith(Catalog.RuleCatalog.Get("DS1009").Description, description);
        Assert.Equal(Catalog.RuleCatalog.Get("DS1009").HelpUri, d.Descriptor.HelpLinkUri);
        Assert.Equal(Catalog.RuleCatalog.Get("DS1009").Title, d.Descriptor.Title.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain("http", d.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void RemovedApiVersion_AlsoReportsWhatComesNext_AsAppsV1()
    {
        var (errors, found) = KubernetesCompilation.Analyze(Source.Replace("API", "extensions/v1beta1"));

        Assert.Empty(errors);
        Assert.Equal(new[] { "DS1009", "DS6001" }, found.Select(d => d.Id).OrderBy(i => i, System.StringComparer.Ordinal));
        var next = Assert.Single(found, d => d.Id == "DS1009");
        Assert.EndsWith("(as apps/v1) [spec.template.spec.restartPolicy]", next.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("apps/v1", next.Properties["whenApiVersion"]);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Error, next.Severity);
        Assert.False(Assert.Single(found, d => d.Id == "DS6001").Properties.ContainsKey("whenApiVersion"));
    }

    [Fact]
    public async Task RemovedApiVersion_MarksBothPlaces_InTheSource()
    {
        await Verifier.VerifyAnalyzerAsync(Source
            .Replace("\"API\"", "{|DS6001:\"apps/v1beta2\"|}")
            .Replace("RestartPolicy = \"OnFailure\"", "RestartPolicy = {|DS1009:\"OnFailure\"|}"));
    }
}
