using System.Collections.Generic;
using System.IO;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Hosting;

/// <summary>Where the prior versions and the node inventory of a check come from.</summary>
public sealed record CheckSources
{
    /// <summary>Gets sources that give nothing.</summary>
    public static CheckSources None { get; } = new();

    /// <summary>Gets prior versions read from files, or null.</summary>
    public BaselineFiles? Baseline { get; init; }

    /// <summary>Gets prior versions (and with <c>Staged</c> the content) from git, or null.</summary>
    public GitBaseline? Git { get; init; }

    /// <summary>Gets the node inventory for the placement rules, or null.</summary>
    public NodeInventory? Nodes { get; init; }
}

/// <summary>What checking one file found.</summary>
public sealed class CheckedFile
{
    internal CheckedFile(SourceFile file) => this.File = file;

    /// <summary>Gets the file.</summary>
    public SourceFile File { get; }

    /// <summary>Gets the findings, ordered by position then rule id.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets the DaemonSet-like objects the rules ran on, in file order.</summary>
    public List<ObjectRef> CheckedObjects { get; } = new();

    /// <summary>Gets the number of Kubernetes objects read.</summary>
    public int Objects { get; internal set; }

    /// <summary>Gets the number of DaemonSet-like objects validated.</summary>
    public int DaemonSets => this.CheckedObjects.Count;

    /// <summary>Gets a value indicating whether the file could not be read (an I/O error: exit code 2).</summary>
    public bool Unreadable { get; internal set; }

    /// <summary>Gets a value indicating whether there was nothing to check (the file is deleted in the index).</summary>
    public bool Skipped { get; internal set; }

    /// <summary>Gets informational lines for the user (an object compared in a namespace the baseline does not hold it in).</summary>
    public List<string> Notices { get; } = new();
}

/// <summary>The one way every host checks a file: read (work tree, standard input or the index), find its baseline, validate with its folder's configuration.</summary>
public static class FileChecks
{
    /// <summary>
    /// Checks files on up to <paramref name="jobs"/> threads and returns what each found in input order: the same results, in
    /// the same order, as checking them one after another. The configuration of every file's folder is found first, in input
    /// order, so the configuration files are read in the same order as by a sequential run.
    /// </summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="files">The files.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <param name="stdin">Standard input, for <see cref="SourceFile.Stdin"/>.</param>
    /// <param name="jobs">The largest number of files checked at once (1: on the calling thread only).</param>
    /// <returns>One result per file, index for index; never throws for a bad file.</returns>
    public static CheckedFile[] CheckAll(this Workspace workspace, IReadOnlyList<SourceFile> files, CheckSources sources, Stream? stdin, int jobs)
    {
        if (jobs > 1 && files.Count > 1)
        {
            foreach (var file in files)
            {
                workspace.ContextFor(file, sources.Nodes);
            }
        }

        return OrderedParallel.Map(files, jobs, file => workspace.Check(file, sources, stdin, jobs));
    }

    /// <summary>Checks one file.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="file">The file.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <param name="stdin">Standard input's bytes, for <see cref="SourceFile.Stdin"/> (null: it is closed).</param>
    /// <param name="jobs">The largest number of threads a large file's documents are validated on (1: the calling thread only).</param>
    /// <returns>What was found; never throws for a bad file.</returns>
    public static CheckedFile Check(this Workspace workspace, SourceFile file, CheckSources sources, Stream? stdin = null, int jobs = 1) =>
        workspace.Check(file, sources, stdin, jobs, null);

    /// <summary>Checks one file, offering the runs of documents of a large one to <paramref name="elsewhere"/> first.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="file">The file.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <param name="stdin">Standard input's bytes, for <see cref="SourceFile.Stdin"/> (null: it is closed).</param>
    /// <param name="jobs">The largest number of runs validated at once.</param>
    /// <param name="elsewhere">Validates a run in another process, or says it cannot (null: all here).</param>
    /// <returns>What was found; never throws for a bad file.</returns>
    public static CheckedFile Check(this Workspace workspace, SourceFile file, CheckSources sources, Stream? stdin, int jobs, RunElsewhere? elsewhere)
    {
        ReadResult read;
        if (sources.Git is { Staged: true } staged && !file.IsStdin)
        {
            if (staged.StagedContent(file, workspace.Settings.Limits) is not { } indexed)
            {
                return new CheckedFile(file) { Skipped = true };
            }

            read = indexed;
        }
        else
        {
            read = workspace.Reader.Read(file, stdin);
        }

        return workspace.Check(file, sources, read, jobs, elsewhere);
    }

    /// <summary>Checks one file whose content (or the problem reading it) the host already has.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="file">The file.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <param name="read">The content, or why there is none.</param>
    /// <param name="jobs">The largest number of threads a large file's documents are validated on (1: the calling thread only).</param>
    /// <returns>What was found; never throws for a bad file.</returns>
    public static CheckedFile Check(this Workspace workspace, SourceFile file, CheckSources sources, ReadResult read, int jobs = 1) =>
        workspace.Check(file, sources, read, jobs, null);

    /// <summary>The prior versions a file is compared with: the baseline files' objects in the file's namespace, or the file at the git revision.</summary>
    /// <param name="workspace">The workspace.</param>
    /// <param name="file">The file.</param>
    /// <param name="sources">Baselines and nodes.</param>
    /// <returns>The baseline, or null.</returns>
    public static BaselineIndex? BaselineFor(this Workspace workspace, SourceFile file, CheckSources sources) =>
        workspace.BaselineFor(file, sources, workspace.ContextFor(file, sources.Nodes).Cluster.EffectiveNamespace);

    private static BaselineIndex? BaselineFor(this Workspace workspace, SourceFile file, CheckSources sources, string ns)
    {
        var baseline = sources.Baseline?.IndexFor(ns);
        return sources.Git is { } git ? git.For(file, baseline, workspace.Reader, ns) : baseline;
    }

    private static CheckedFile Check(this Workspace workspace, SourceFile file, CheckSources sources, ReadResult read, int jobs, RunElsewhere? elsewhere)
    {
        var result = new CheckedFile(file);
        var context = workspace.ContextFor(file, sources.Nodes);
        if (read.Problem is not null || read.Bytes is null)
        {
            var problem = read.Problem ?? InputProblems.Missing();
            result.Unreadable = InputProblems.IsIoError(problem.RuleId);
            if (context.Validator.InputFinding(file.DisplayName, problem) is { } f)
            {
                result.Findings.Add(f);
            }

            return result;
        }

        var ns = context.Cluster.EffectiveNamespace;
        var baseline = workspace.BaselineFor(file, sources, ns);
        var report = context.Validator.ValidateBytes(file.DisplayName, read.Bytes, baseline, read.Bytes.LongLength, jobs, elsewhere);
        result.Objects = report.Objects;
        result.CheckedObjects.AddRange(report.CheckedObjects);
        result.Findings.AddRange(report.Findings);
        if (baseline is not null)
        {
            foreach (var o in report.CheckedObjects)
            {
                var others = baseline.OtherNamespacesOf(o);
                if (others.Count > 0)
                {
                    result.Notices.Add($"{HostText.Name(file.DisplayName)}: {HostText.Name(o.Kind ?? "object")} {HostText.Name(o.Name ?? "(unnamed)")} names no namespace, so it was compared with the baseline in namespace '{ns}', which does not hold it; "
                        + $"the baseline has it in {string.Join(", ", others.ConvertAll(HostText.InQuotes))}: set the namespace it is applied to (--namespace, DaemonLintNamespace, or namespace: in .daemonlint.yaml)");
                }
            }
        }

        return result;
    }
}
