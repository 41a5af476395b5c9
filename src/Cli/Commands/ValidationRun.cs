using System.Collections.Generic;
using DaemonLint.Model;

namespace DaemonLint.Cli.Commands;

/// <summary>Everything one <c>daemonlint validate</c> run found; what the output formats write.</summary>
public sealed class ValidationRun
{
    /// <summary>Gets the findings, ordered by file, position and rule id.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets the names of the files read, in input order (as shown in findings).</summary>
    public List<string> FileNames { get; } = new();

    /// <summary>Gets the DaemonSet-like objects the rules ran on, in input order (clean ones included).</summary>
    public List<ObjectRef> CheckedObjects { get; } = new();

    /// <summary>Gets or sets a value indicating whether every input could be read (false after an I/O error).</summary>
    public bool ExecutionSuccessful { get; set; } = true;

    /// <summary>Gets or sets the number of files read.</summary>
    public int Files { get; set; }

    /// <summary>Gets or sets the number of Kubernetes objects read.</summary>
    public int Objects { get; set; }

    /// <summary>Gets or sets the number of DaemonSet-like objects validated.</summary>
    public int DaemonSets { get; set; }

    /// <summary>Gets or sets the directory relative file names are relative to (SARIF's base URI).</summary>
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary>Counts findings of a severity.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The count.</returns>
    public int Count(Severity severity)
    {
        var n = 0;
        foreach (var f in this.Findings)
        {
            if (f.Severity == severity)
            {
                n++;
            }
        }

        return n;
    }
}
