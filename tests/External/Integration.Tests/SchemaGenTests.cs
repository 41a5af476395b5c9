using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using DaemonLint.Tests;

namespace DaemonLint.Integration.Tests;

/// <summary>Staleness check: schemas/ must be exactly what tools/SchemaGen writes from ../shared/k8s-openapi (swagger.json and v3/&lt;release&gt;/apps-v1.json).</summary>
public sealed class SchemaGenTests
{
    [Fact]
    public async Task SchemasFolder_MatchesAFreshGeneration()
    {
        var swagger = Path.Combine(RepoPaths.Shared, "k8s-openapi", "swagger.json");
        var v3 = Path.Combine(RepoPaths.Shared, "k8s-openapi", "v3");
        Assert.True(File.Exists(swagger), "the OpenAPI document is missing: " + swagger);
        Assert.True(Directory.Exists(v3), "the OpenAPI v3 documents are missing: " + v3);
        var temp = Directory.CreateTempSubdirectory("daemonlint-schemagen-");
        try
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = RepoPaths.Root,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { "run", "--project", Path.Combine(RepoPaths.Root, "tools", "SchemaGen"), "--", swagger, v3, temp.FullName })
            {
                psi.ArgumentList.Add(a);
            }

            // The test host's MSBuild variables would point the nested build at the wrong SDK pieces.
            foreach (var v in new[] { "MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
            {
                psi.Environment.Remove(v);
            }

            using var process = Process.Start(psi)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                await process.WaitForExitAsync(timeout.Token);
            }

            var output = await stdout + "\n" + await stderr;
            Assert.True(process.ExitCode == 0, $"SchemaGen failed ({process.ExitCode}):\n{output}");

            var committed = Path.Combine(RepoPaths.Root, "schemas");
            var expected = Directory.GetFiles(temp.FullName, "*.json").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var actual = Directory.GetFiles(committed, "*.json").Select(Path.GetFileName).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            Assert.Equal(expected, actual);
            foreach (var f in expected)
            {
                var fresh = File.ReadAllText(Path.Combine(temp.FullName, f!));
                var stored = File.ReadAllText(Path.Combine(committed, f!));
                Assert.True(fresh == stored, $"schemas/{f} is stale: run `dotnet run --project tools/SchemaGen -- ../shared/k8s-openapi/swagger.json ../shared/k8s-openapi/v3 schemas`");
            }
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }
}
