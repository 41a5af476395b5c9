using System.IO;

namespace DaemonLint.Cli.Commands;

/// <summary>The streams and current folder of one run of the tool.</summary>
/// <param name="Stdin">Standard input.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="CurrentDirectory">The folder relative paths are resolved against.</param>
public sealed record CliContext(TextReader Stdin, TextWriter Stdout, TextWriter Stderr, string CurrentDirectory)
{
    /// <summary>Prints a line for the user on standard error, prefixed with the tool's name.</summary>
    /// <param name="message">The message.</param>
    public void Note(string message) => this.Stderr.WriteLine("daemonlint: " + message);

    /// <summary>Resolves a path argument.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(this.CurrentDirectory, path));
}
