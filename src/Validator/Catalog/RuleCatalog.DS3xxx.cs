using DaemonLint.Model;
using DaemonLint.Rules.DS3xxx;

namespace DaemonLint.Catalog;

/// <summary>Catalog entries DS3001-DS3999: placement and scheduling.</summary>
public static partial class RuleCatalog
{
    private const string DaemonUtil = "pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations";
    private const string NodeAffinity = "staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go";

#pragma warning disable SA1600, CS1591 // the property names carry id and title
    public static RuleDescriptor DS3001_MasterTolerationWithoutControlPlane { get; } = Entry(
        "DS3001", "Tolerating the master taint also needs the control-plane taint", RuleCategory.Placement, Severity.Warning,
        "kubeadm taints control-plane nodes with node-role.kubernetes.io/control-plane since 1.24 and dropped node-role.kubernetes.io/master in 1.25; a DaemonSet that tolerates only master no longer runs on control-plane nodes.",
        upstream: "KEP-2067; kubernetes PRs 107533 and 110095",
        create: static () => new DS3001MasterTolerationWithoutControlPlane());

    public static RuleDescriptor DS3002_NodeAffinityExpressionOnMetadataName { get; } = Entry(
        "DS3002", "Node affinity matchExpressions on metadata.name match no node", RuleCategory.Placement, Severity.Warning,
        "matchExpressions look up node labels, and nodes carry no label called metadata.name; select a node by name with matchFields (key metadata.name) or with the kubernetes.io/hostname label.",
        upstream: NodeAffinity + " nodeSelectorRequirementsAsSelector / extractNodeFields",
        create: static () => new DS3002NodeAffinityExpressionOnMetadataName());

    public static RuleDescriptor DS3003_TolerationRepeatsDaemonDefault { get; } = Entry(
        "DS3003", "Toleration repeats one the DaemonSet controller adds", RuleCategory.Placement, Severity.Warning,
        "The DaemonSet controller adds not-ready and unreachable (NoExecute), disk-, memory- and pid-pressure and unschedulable (NoSchedule), and network-unavailable with hostNetwork, all with operator Exists, to every daemon pod; writing them again changes nothing.",
        upstream: DaemonUtil,
        create: static () => new DS3003TolerationRepeatsDaemonDefault());

    public static RuleDescriptor DS3004_TolerationSecondsOnDaemonDefaultIsDropped { get; } = Entry(
        "DS3004", "tolerationSeconds on a toleration the controller adds is dropped", RuleCategory.Placement, Severity.Warning,
        "A toleration with the same key, operator, value and effect as a default daemon toleration is replaced by the default, which has no tolerationSeconds: the pod tolerates the taint forever.",
        upstream: DaemonUtil + " / AddOrUpdateTolerationInPodSpec",
        reportedBy: "DS3003");

    public static RuleDescriptor DS3005_EmptyNodeSelectorTermMatchesNothing { get; } = Entry(
        "DS3005", "An empty node selector term matches no node", RuleCategory.Placement, Severity.Warning,
        "A required node affinity term without matchExpressions and matchFields is skipped and matches nothing; if every term is empty the DaemonSet runs on no node.",
        upstream: NodeAffinity + " NewLazyErrorNodeSelector",
        create: static () => new DS3005EmptyNodeSelectorTermMatchesNothing());

    public static RuleDescriptor DS3006_RunsOnNoInventoryNode { get; } = Entry(
        "DS3006", "DaemonSet runs on no node of the inventory", RuleCategory.Placement, Severity.Warning,
        "Against the node inventory (--nodes of the CLI, Nodes or DaemonLintNodes of the MSBuild task), the controller would give this DaemonSet no pod at all: every node fails its nodeName, nodeSelector, required node affinity or taints.",
        upstream: "pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod",
        create: static () => new DS3006RunsOnNoInventoryNode());

    public static RuleDescriptor DS3007_TaintAlmostTolerated { get; } = Entry(
        "DS3007", "Toleration almost matches a taint that keeps the DaemonSet off nodes", RuleCategory.Placement, Severity.Warning,
        "Nodes of the inventory are excluded only by a taint whose key a toleration names, but whose value or effect the toleration does not match; values and effects are compared exactly.",
        upstream: "staging/src/k8s.io/api/core/v1/toleration.go ToleratesTaint",
        create: static () => new DS3007TaintAlmostTolerated());

    public static RuleDescriptor DS3008_InventoryNodeMustBeReadable { get; } = Entry(
        "DS3008", "Inventory Node must be readable", RuleCategory.Placement, Severity.Warning,
        "A Node of the --nodes inventory lacks a name, or has labels or taints of the wrong shape; it is skipped, or read with those parts dropped.",
        reportedBy: Engine);

    public static RuleDescriptor DS3009_DaemonPodDoesNotFitEligibleNodes { get; } = Entry(
        "DS3009", "Daemon pod does not fit nodes it should run on", RuleCategory.Placement, Severity.Warning,
        "The DaemonSet controller creates a pod on these nodes of the inventory, but the scheduler cannot bind it there: its requests exceed the node's allocatable (minus what the pods already on the node request, with --pods), the node already runs allocatable.pods pods, or another pod holds its host port. The pod stays Pending.",
        upstream: "pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest; pkg/scheduler/framework/plugins/nodeports/node_ports.go",
        create: static () => new DS3009DaemonPodDoesNotFitEligibleNodes());

    public static RuleDescriptor DS3010_InventoryPodMustBeReadable { get; } = Entry(
        "DS3010", "Inventory Pod must be readable", RuleCategory.Placement, Severity.Warning,
        "A Pod of the --pods inventory lacks a name, appears twice, has another apiVersion than v1, or has requests of the wrong shape; it is skipped, or counted with those requests dropped.",
        reportedBy: Engine);
#pragma warning restore SA1600, CS1591
}
