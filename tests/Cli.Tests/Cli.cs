using System.IO;

namespace DaemonLint.Cli.Tests;

/// <summary>What one in-process run of the tool printed and returned.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs <see cref="Program.Run"/> in-process with captured streams.</summary>
public static class Cli
{
    /// <summary>Runs the tool.</summary>
    /// <param name="currentDirectory">The current directory of the run.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The result.</returns>
    public static CliResult Run(string currentDirectory, params string[] args) => RunWithInput(currentDirectory, string.Empty, args);

    /// <summary>Runs the tool with standard input.</summary>
    /// <param name="currentDirectory">The current directory of the run.</param>
    /// <param name="stdin">Standard input.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The result.</returns>
    public static CliResult RunWithInput(string currentDirectory, string stdin, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = Program.Run(args, new StringReader(stdin), stdout, stderr, currentDirectory);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
