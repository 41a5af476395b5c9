using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using DaemonLint.Engine;
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

    [Fact]
    public void TheChildrenAVolumeHas_AllStayInTheMemo()
    {
        // The fields the volume rules name under volumes[i]: every source, the names the server blames instead of two of them
        // (cephFS, downwarAPI), and name. 33: more than a memo of 32 slots held.
        var volume = FieldPath.Root("spec").Child("template", "spec").Child("volumes").Index(0);
        var names = DaemonLint.Rules.Support.VolumeAnalysis.Sources.SelectMany(s => new[] { s.Key, s.Blamed }).Append("name").Distinct().ToList();
        Assert.Equal(33, names.Count);
        var first = names.Select(volume.Child).ToList();
        var before = FieldPath.BuiltOnThisThread;
        var again = names.Select(volume.Child).ToList();
        Assert.Equal(before, FieldPath.BuiltOnThisThread);
        Assert.Equal(first, again);
    }

    [Fact]
    public void ValidatingADaemonSetAgain_BuildsNoPath()
    {
        // Every rule on a DaemonSet that uses much of a pod spec and that nothing is wrong with: the second time, the paths
        // the rules ask for all come from the memo, and no key path (a label's, a resource's) is built ahead of a finding.
        // Before, the label checks and the resources read built one per label and per resource: 28 per object of the
        // generated corpus, the most frequent allocation of the rules.
        var text = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
              namespace: monitoring
              labels: {app.kubernetes.io/name: agent, team: infra}
              annotations: {example.com/owner: infra}
            spec:
              selector:
                matchLabels: {app.kubernetes.io/name: agent}
                matchExpressions:
                  - {key: tier, operator: In, values: [node]}
              updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}
              template:
                metadata:
                  labels: {app.kubernetes.io/name: agent, tier: node}
                  annotations: {prometheus.io/scrape: "true"}
                spec:
                  serviceAccountName: agent
                  priorityClassName: system-node-critical
                  nodeSelector: {kubernetes.io/os: linux}
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions:
                              - {key: kubernetes.io/arch, operator: In, values: [amd64, arm64]}
                  tolerations:
                    - {key: node-role.kubernetes.io/control-plane, operator: Exists, effect: NoSchedule}
                  securityContext: {runAsNonRoot: true, runAsUser: 65534, fsGroup: 65534, seccompProfile: {type: RuntimeDefault}}
                  initContainers:
                    - name: init
                      image: busybox:1.36
                      command: [sh, -c, "true"]
                      resources: {requests: {cpu: 10m, memory: 16Mi}, limits: {cpu: 50m, memory: 32Mi}}
                  containers:
                    - name: agent
                      image: example.com/agent:1.2.3
                      imagePullPolicy: IfNotPresent
                      args: [--port=9100]
                      env:
                        - {name: NODE_NAME, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}
                        - {name: LOG_LEVEL, value: info}
                        - {name: MEMORY_LIMIT, valueFrom: {resourceFieldRef: {resource: limits.memory}}}
                      envFrom:
                        - configMapRef: {name: agent-config}
                      ports:
                        - {name: metrics, containerPort: 9100, protocol: TCP}
                      resources:
                        requests: {cpu: 100m, memory: 128Mi}
                        limits: {cpu: 500m, memory: 256Mi}
                      livenessProbe: {httpGet: {path: /healthz, port: metrics}, periodSeconds: 10}
                      readinessProbe: {tcpSocket: {port: 9100}}
                      startupProbe: {exec: {command: [cat, /tmp/ready]}, failureThreshold: 30}
                      lifecycle: {preStop: {exec: {command: [sleep, "5"]}}}
                      securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
                      volumeMounts:
                        - {name: proc, mountPath: /host/proc, readOnly: true}
                        - {name: config, mountPath: /etc/agent}
                  volumes:
                    - {name: proc, hostPath: {path: /proc, type: Directory}}
                    - {name: config, configMap: {name: agent-config, items: [{key: agent.yaml, path: agent.yaml}]}}
            """;
        var validator = new ManifestValidator();

        // Every rule on every fixture first: the rules have then asked for every field they name, whatever the order the tests
        // run in.
        foreach (var fixture in Directory.EnumerateFiles(RepoPaths.Fixtures, "*.yaml", SearchOption.AllDirectories))
        {
            validator.ValidateText(fixture, File.ReadAllText(fixture));
        }

        var first = validator.ValidateText("agent.yaml", text);
        Assert.Equal(1, first.DaemonSets);
        Assert.Empty(first.Findings.Select(f => $"{f.RuleId} {f.Path}: {f.Message}"));
        var before = FieldPath.BuiltOnThisThread;
        Assert.Empty(validator.ValidateText("agent.yaml", text).Findings);
        Assert.Equal(before, FieldPath.BuiltOnThisThread);
    }
}
