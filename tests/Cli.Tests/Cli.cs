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
    public static CliResult RunWithInput(string currentDirectory, string stdin, params string[] args) => RunCore(null, currentDirectory, stdin, args);

    /// <summary>Runs the tool with worker processes started by <paramref name="self"/> (null: threads only).</summary>
    /// <param name="self">How the run starts its workers, or null.</param>
    /// <param name="currentDirectory">The current directory of the run.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The result.</returns>
    public static CliResult RunWith(Workers.SelfCommand? self, string currentDirectory, params string[] args) => RunCore(self, currentDirectory, string.Empty, args);

    internal static CliResult RunCore(Workers.SelfCommand? self, string currentDirectory, string stdin, string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var input = new MemoryStream(new System.Text.UTF8Encoding(false).GetBytes(stdin));
        var code = Program.Run(args, new Commands.CliContext(input, stdout, stderr, currentDirectory) { Self = self is null ? null : self with { Args = args } });
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
