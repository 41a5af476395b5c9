#!/usr/bin/env bash
# What an editor on the C# language server csharp-ls shows for DaemonLint: packs DaemonLint.Analyzers from this
# repository, makes a consumer project with a DaemonSet mistake, starts csharp-ls 0.28.0 on it over LSP stdio with
# csharp.analyzersEnabled = true, opens the file and prints the diagnostics the server publishes (and the code actions
# it offers at each). Not part of `dotnet test`: it installs a dotnet tool and takes a minute or two.
#
#   tools/lsp-squiggles/run.sh            # CSHARP_LS_TOOL_PATH=<dir> reuses an installed csharp-ls
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/dl-lsp.XXXXXX")
trap 'rm -rf "$work"' EXIT
version="0.0.0-lsp.$(date -u +%Y%m%d%H%M%S)"
machine_packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
export NUGET_PACKAGES="$work/packages" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "packing DaemonLint.Analyzers $version"
dotnet pack "$repo/src/Analyzers.CodeFixes" -c Release -p:PackAnalyzers=true "-p:Version=$version" -o "$work/feed" >"$work/pack.log" || { cat "$work/pack.log"; exit 2; }

tools=${CSHARP_LS_TOOL_PATH:-$work/tools}
if [ ! -x "$tools/csharp-ls" ]; then
  echo "installing csharp-ls 0.28.0"
  dotnet tool install --tool-path "$tools" csharp-ls --version 0.28.0 >"$work/tool.log" || { cat "$work/tool.log"; exit 2; }
fi

consumer="$work/consumer"
mkdir -p "$consumer"
cat >"$consumer/nuget.config" <<XML
<configuration>
  <packageSources><add key="daemonlint-local" value="$work/feed" /></packageSources>
  <fallbackPackageFolders><add key="machine" value="$machine_packages" /></fallbackPackageFolders>
</configuration>
XML
echo '<Project />' >"$consumer/Directory.Build.props"
echo '<Project />' >"$consumer/Directory.Build.targets"
printf 'root = true\n' >"$consumer/.editorconfig"
cat >"$consumer/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup>
    <PackageReference Include="KubernetesClient" Version="21.0.8" />
    <PackageReference Include="DaemonLint.Analyzers" Version="$version" PrivateAssets="all" />
  </ItemGroup>
</Project>
XML
cat >"$consumer/Manifests.cs" <<'CS'
using System.Collections.Generic;
using k8s.Models;

public static class Manifests
{
    public static V1DaemonSet Agent() => new V1DaemonSet
    {
        Metadata = new V1ObjectMeta { Name = "agent" },
        Spec = new V1DaemonSetSpec
        {
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "agent" } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "agnet" } },
                Spec = new V1PodSpec
                {
                    RestartPolicy = "OnFailure",
                    Containers = [new V1Container { Name = "c", Image = "busybox:1.36" }],
                },
            },
        },
    };
}
CS
dotnet restore "$consumer" >"$work/restore.log" || { cat "$work/restore.log"; exit 2; }
echo "dotnet build prints:"
dotnet build "$consumer" -p:UseSharedCompilation=false 2>&1 | grep -oE 'Manifests\.cs\([0-9]+,[0-9]+\): (error|warning) DS[0-9]+' | sort -u | sed 's/^/  /' || true

echo "csharp-ls publishes:"
python3 "$(dirname "$0")/lsp_client.py" --server "$tools/csharp-ls" --root "$consumer" --file "$consumer/Manifests.cs" --timeout "${LSP_TIMEOUT:-240}" --settings-via "${LSP_SETTINGS_VIA:-all}"
