using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace DaemonLint.MsBuild.IntegrationTests;

/// <summary>The result of one <c>dotnet</c> process.</summary>
public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed)
{
    public override string ToString() => $"exit code {this.ExitCode} after {this.Elapsed.TotalSeconds:0.0} s\n{this.Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI as a process, with an argument list and a clean MSBuild environment.</summary>
public static class DotNet
{
    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        // `dotnet test` sets MSBuild variables for its own build; a child build must find the SDK on its own.
        foreach (var key in new List<string>(psi.Environment.Keys))
        {
            if (key.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase))
            {
                psi.Environment.Remove(key);
            }
        }

        psi.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        psi.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        psi.Environment["UseSharedCompilation"] = "false";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        if (environment is not null)
        {
            foreach (var kv in environment)
            {
                psi.Environment[kv.Key] = kv.Value;
            }
        }

        var output = new StringBuilder();
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = Task.Run(() => Pump(p.StandardOutput, output));
        var stderr = Task.Run(() => Pump(p.StandardError, output));
        if (!p.WaitForExit((int)TimeSpan.FromMinutes(8).TotalMilliseconds))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet " + string.Join(" ", arguments) + " timed out:\n" + output);
        }

        Task.WaitAll(stdout, stderr);
        return new ProcessResult(p.ExitCode, output.ToString(), sw.Elapsed);
    }

    private static void Pump(StreamReader reader, StringBuilder into)
    {
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }
}
