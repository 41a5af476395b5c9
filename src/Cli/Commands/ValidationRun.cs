using System.Collections.Generic;
using DaemonLint.Hosting;
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

    /// <summary>Gets the number of DaemonSet-like objects validated.</summary>
    public int DaemonSets => this.CheckedObjects.Count;

    /// <summary>Gets the Kubernetes releases the files were validated against, oldest first (one unless <c>.daemonlint.yaml</c> files set different ones).</summary>
    public List<string> KubernetesVersions { get; } = new();

    /// <summary>Gets or sets the directory relative file names are relative to (SARIF's base URI).</summary>
    public string BaseDirectory { get; set; } = string.Empty;

    /// <summary>Adds what checking one file found.</summary>
    /// <param name="file">The file's result.</param>
    public void Add(CheckedFile file)
    {
        this.Files++;
        this.FileNames.Add(file.File.DisplayName);
        this.Objects += file.Objects;
        this.CheckedObjects.AddRange(file.CheckedObjects);
        this.Add(file.Findings, file.Unreadable);
    }

    /// <summary>Adds findings that are not of one file's check (input problems, configuration, node inventory).</summary>
    /// <param name="findings">The findings.</param>
    /// <param name="ioError">Whether they mean some input could not be read (exit code 2).</param>
    public void Add(IEnumerable<Finding> findings, bool ioError)
    {
        this.Findings.AddRange(findings);
        this.ExecutionSuccessful &= !ioError;
    }

    /// <summary>Adds one finding (when its rule is not turned off).</summary>
    /// <param name="finding">The finding, or null.</param>
    /// <param name="ioError">Whether it means some input could not be read (exit code 2).</param>
    public void Add(Finding? finding, bool ioError)
    {
        if (finding is not null)
        {
            this.Findings.Add(finding);
        }

        this.ExecutionSuccessful &= !ioError;
    }

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
