using System;
using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Threading.Tasks;
using DaemonLint.Tests;

namespace DaemonLint.Cli.Tests;

/// <summary>
/// Runs the built tool as a real process: <c>dotnet daemonlint.dll ...</c>, with an argument list (no shell). The
/// dll is the copy the project reference puts beside the tests, else <c>src/Cli/bin/&lt;Configuration&gt;/net10.0</c>.
/// </summary>
public sealed class ToolProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    /// <summary>Initializes a new instance of the <see cref="ToolProcess"/> class.</summary>
    public ToolProcess()
    {
        this.ToolPath = Locate();
        this.DotnetPath = LocateDotnet();
    }

    /// <summary>Gets the full path of daemonlint.dll.</summary>
    public string ToolPath { get; }

    /// <summary>Gets variables added to the tool's environment.</summary>
    public System.Collections.Generic.Dictionary<string, string> ExtraEnvironment { get; } = new();

    /// <summary>Gets the dotnet host that runs it.</summary>
    public string DotnetPath { get; }

    /// <summary>Gets the build configuration the tests were built in (Debug, Release).</summary>
    public static string Configuration =>
        typeof(ToolProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Runs the tool and waits for it.</summary>
    /// <param name="workingDirectory">The working directory.</param>
    /// <param name="stdin">Standard input, or null for none.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>Exit code and output.</returns>
    public CliResult Run(string workingDirectory, string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo(this.DotnetPath)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.ArgumentList.Add(this.ToolPath);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in this.ExtraEnvironment)
        {
            psi.Environment[name] = value;
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + this.DotnetPath);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(Timeout))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"daemonlint {string.Join(' ', args)} ran longer than {Timeout}");
        }

        p.WaitForExit();
        Task.WaitAll(stdout, stderr);
        return new CliResult(p.ExitCode, stdout.Result.Replace("\r\n", "\n"), stderr.Result.Replace("\r\n", "\n"));
    }

    private static string Locate()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "daemonlint.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "daemonlint.runtimeconfig.json")))
        {
            return beside;
        }

        var built = Path.Combine(RepoPaths.Root, "src", "Cli", "bin", Configuration, "net10.0", "daemonlint.dll");
        return File.Exists(built)
            ? built
            : throw new FileNotFoundException($"daemonlint.dll is neither beside the tests nor at {built}; build src/Cli first");
    }

    private static string LocateDotnet()
    {
        // dotnet test and MSBuild set DOTNET_HOST_PATH; the test host itself usually runs under dotnet.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            return self;
        }

        return "dotnet";
    }
}
