using System.Linq;
using System.Threading.Tasks;
using DaemonLint.Schema;

namespace DaemonLint.Tests.Schema;

public sealed class SchemaSetTests
{
    [Fact]
    public void EmbeddedSchema_Loads_AndCoversDaemonSetNodeAndList()
    {
        var set = SchemaSet.Kubernetes;
        Assert.Equal(new[] { "apps/v1/DaemonSet", "v1/List", "v1/Node" }, set.Kinds.ToArray());
        Assert.Same(set.Definition("io.k8s.api.apps.v1.DaemonSet"), set.ForKind("apps/v1", "DaemonSet"));
        Assert.Same(set.Definition("io.k8s.api.core.v1.Node"), set.ForKind("v1", "Node"));
        Assert.NotNull(set.ForKind("v1", "List"));
        Assert.Null(set.ForKind("extensions/v1beta1", "DaemonSet"));
        Assert.True(set.Definitions.Count >= 115, "closure of DaemonSet alone has 115 definitions");
        Assert.All(set.Definitions.Values, d => Assert.NotNull(d.Definition));
    }

    [Fact]
    public void CompiledModel_HasTheKubernetesKinds()
    {
        var set = SchemaSet.Kubernetes;
        var podSpec = set.Definition("io.k8s.api.core.v1.PodSpec")!;
        Assert.Equal(SchemaKind.Object, podSpec.Kind);
        Assert.Equal("v1.PodSpec", podSpec.GoType);

        var containers = podSpec.Properties["containers"];
        Assert.Equal(SchemaKind.Array, containers.Kind);
        Assert.Equal("[]v1.Container", containers.GoType);
        Assert.True(containers.Items!.TryGetProperty("imagePullPolicy", out var pull));
        Assert.Equal(SchemaKind.String, pull.Kind);

        var port = set.Definition("io.k8s.api.core.v1.ContainerPort")!.Properties["containerPort"];
        Assert.Equal(SchemaKind.Integer, port.Kind);
        Assert.Equal(32, port.Bits);
        Assert.Equal(64, podSpec.Properties["terminationGracePeriodSeconds"].Bits);

        var limits = set.Definition("io.k8s.api.core.v1.ResourceRequirements")!.Properties["limits"];
        Assert.Equal(SchemaKind.Map, limits.Kind);
        Assert.Equal(SchemaKind.Quantity, limits.MapValue!.Kind);

        var rolling = set.Definition("io.k8s.api.apps.v1.RollingUpdateDaemonSet")!;
        Assert.Equal(SchemaKind.IntOrString, rolling.Properties["maxUnavailable"].Kind);
        Assert.Equal(SchemaKind.Any, set.Definition("io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1")!.Kind);
        Assert.Equal(SchemaKind.DateTime, set.Definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")!.Properties["creationTimestamp"].Kind);
        Assert.Equal("map[string]string", set.Definition("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")!.Properties["labels"].GoType);

        var list = set.ForKind("v1", "List")!;
        Assert.Equal(SchemaKind.Array, list.Properties["items"].Kind);
        Assert.Equal(SchemaKind.Any, list.Properties["items"].Items!.Kind);
        Assert.Same(set.Definition("io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta"), list.Properties["metadata"]);
    }

    [Fact]
    public async Task Kubernetes_IsLoadedOnce_FromConcurrentCallers()
    {
        var sets = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => SchemaSet.Kubernetes)));
        Assert.All(sets, s => Assert.Same(sets[0], s));
    }
}
