using System.IO;
using DaemonLint.Hosting;

namespace DaemonLint.Cli.Commands;

/// <summary>The streams and current folder of one run of the tool.</summary>
/// <param name="Stdin">Standard input's bytes (decoded like a file's), or null when the process was started with it closed.</param>
/// <param name="Stdout">Standard output.</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="CurrentDirectory">The folder relative paths are resolved against.</param>
public sealed record CliContext(Stream? Stdin, TextWriter Stdout, TextWriter Stderr, string CurrentDirectory)
{
    /// <summary>Gets how to start this program again for worker processes, or null (threads only: tests in-process).</summary>
    public Workers.SelfCommand? Self { get; init; }

    /// <summary>Gets the channel to the parent when this process is a worker of <c>validate</c>, or null.</summary>
    public (Stream Requests, Stream Answers)? WorkerChannel { get; init; }

    /// <summary>Prints a line for the user on standard error, prefixed with the tool's name; control characters are escaped, so the line stays one line.</summary>
    /// <param name="message">The message (names in it already quoted with <see cref="HostText.Name"/>).</param>
    public void Note(string message) => this.Stderr.WriteLine("daemonlint: " + HostText.Escape(message));

    /// <summary>Resolves a path argument.</summary>
    /// <param name="path">The path.</param>
    /// <returns>The full path.</returns>
    public string FullPath(string path) => Path.GetFullPath(Path.Combine(this.CurrentDirectory, path));
}
