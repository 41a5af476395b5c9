using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace DaemonLint.Tests;

/// <summary>Runs a process with an argument list (never a shell) and captures its output.</summary>
public static class ProcessRunner
{
    /// <summary>The result of a run.</summary>
    /// <param name="ExitCode">The exit code.</param>
    /// <param name="Output">Standard output and standard error, interleaved as received.</param>
    public sealed record Result(int ExitCode, string Output);

    /// <summary>Runs a command and waits for it.</summary>
    /// <param name="fileName">The program.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="timeout">How long to wait before killing it.</param>
    /// <param name="environment">Extra environment variables.</param>
    /// <param name="stdin">Text for standard input, or null.</param>
    /// <returns>The result.</returns>
    public static Result Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                psi.Environment[k] = v;
            }
        }

        var output = new StringBuilder();
        using var p = new Process { StartInfo = psi };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
            p.StandardInput.Close();
        }

        if (!p.WaitForExit((int)timeout.TotalMilliseconds))
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            throw new TimeoutException($"{fileName} {string.Join(" ", psi.ArgumentList)} did not finish in {timeout}:\n{output}");
        }

        p.WaitForExit();
        lock (output)
        {
            return new Result(p.ExitCode, output.ToString());
        }
    }

    /// <summary>Makes a fresh temporary folder.</summary>
    /// <param name="prefix">A name prefix.</param>
    /// <returns>The folder path.</returns>
    public static string TempFolder(string prefix)
    {
        var dir = Path.Combine(Path.GetTempPath(), prefix + "-" + Guid.NewGuid().ToString("N").Substring(0, 10));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
