#!/usr/bin/env bash
# Compile-time cost of DaemonLint.Analyzers on a generated project with 200 methods that build DaemonSets.
# Whole `dotnet build --no-incremental -p:UseSharedCompilation=false` with and without the analyzer package, medians of
# hyperfine runs in the same session, then the compiler's own -p:ReportAnalyzer=true figures.
# Needs: hyperfine (apt-get install hyperfine). Usage: bench/Analyzers/run.sh [runs]
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.0.0-bench$(date +%s)"
dotnet pack "$root/src/Analyzers.CodeFixes" -c Release -p:PackAnalyzers=true -p:Version="$version" -o "$work/feed" >/dev/null

python3 - "$work" <<'PY'
import sys, os
work = sys.argv[1]
methods = []
for i in range(200):
    policy = "OnFailure" if i % 10 == 0 else "Always"
    methods.append(f'''
    public static V1DaemonSet Build{i}(string image) => new V1DaemonSet
    {{
        Metadata = new V1ObjectMeta {{ Name = "agent-{i}", NamespaceProperty = "kube-system", Labels = new Dictionary<string, string> {{ ["app"] = "agent-{i}" }} }},
        Spec = new V1DaemonSetSpec
        {{
            Selector = new V1LabelSelector {{ MatchLabels = new Dictionary<string, string> {{ ["app"] = "agent-{i}" }} }},
            UpdateStrategy = new V1DaemonSetUpdateStrategy {{ RollingUpdate = new V1RollingUpdateDaemonSet {{ MaxUnavailable = "10%" }} }},
            Template = new V1PodTemplateSpec
            {{
                Metadata = new V1ObjectMeta {{ Labels = new Dictionary<string, string> {{ ["app"] = "agent-{i}" }} }},
                Spec = new V1PodSpec
                {{
                    RestartPolicy = "{policy}",
                    Tolerations = [new V1Toleration {{ OperatorProperty = "Exists" }}],
                    Containers =
                    [
                        new V1Container
                        {{
                            Name = "agent",
                            Image = image,
                            Ports = [new V1ContainerPort {{ Name = "metrics", ContainerPort = 9100 }}],
                            Resources = new V1ResourceRequirements {{ Limits = new Dictionary<string, ResourceQuantity> {{ ["memory"] = new ResourceQuantity("128Mi") }} }},
                            VolumeMounts = [new V1VolumeMount {{ Name = "root", MountPath = "/host", ReadOnlyProperty = true }}],
                        }},
                    ],
                    Volumes = [new V1Volume {{ Name = "root", HostPath = new V1HostPathVolumeSource {{ Path = "/" }} }}],
                }},
            }},
        }},
    }};''')
src = "using System.Collections.Generic;\nusing k8s.Models;\n\npublic static class Manifests\n{" + "".join(methods) + "\n}\n"
for name, extra in (("Plain", ""), ("WithAnalyzer", '<PackageReference Include="DaemonLint.Analyzers" Version="VERSION" PrivateAssets="all" />')):
    d = os.path.join(work, name)
    os.makedirs(d)
    open(os.path.join(d, "Manifests.cs"), "w").write(src)
    open(os.path.join(d, name + ".csproj"), "w").write(f'''<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><NoWarn>$(NoWarn);NU1603;DS1009</NoWarn></PropertyGroup>
  <ItemGroup><PackageReference Include="KubernetesClient" Version="21.0.8" />{extra}</ItemGroup>
</Project>''')
    open(os.path.join(d, "nuget.config"), "w").write(f'<configuration><packageSources><add key="local" value="{work}/feed" /></packageSources></configuration>')
PY
sed -i "s/VERSION/$version/" "$work/WithAnalyzer/WithAnalyzer.csproj"
for p in Plain WithAnalyzer; do (cd "$work/$p" && dotnet restore -v q >/dev/null && dotnet build --no-restore -v q -p:UseSharedCompilation=false >/dev/null); done

hyperfine -N --warmup 1 --runs "$runs" --export-json "$work/hf.json" \
  "dotnet build $work/Plain/Plain.csproj --no-restore --no-incremental -v q -p:UseSharedCompilation=false" \
  "dotnet build $work/WithAnalyzer/WithAnalyzer.csproj --no-restore --no-incremental -v q -p:UseSharedCompilation=false"
python3 - "$work/hf.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
a, b = r[0]["median"], r[1]["median"]
print(f"median without analyzer: {a:.2f} s, with: {b:.2f} s, ratio {b/a:.3f}x")
PY
echo "--- compiler's ReportAnalyzer (WithAnalyzer project) ---"
(cd "$work/WithAnalyzer" && dotnet build --no-restore --no-incremental -v d -p:UseSharedCompilation=false -p:ReportAnalyzer=true) \
  | grep -v "/reportanalyzer" | grep -iE "analyzer execution time|DaemonSetAnalyzer|DaemonLint.Analyzers|NetAnalyzers|Generator" | head -20
