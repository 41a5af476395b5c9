using System.Collections.Generic;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;

namespace DaemonLint.Hosting;

/// <summary>
/// What reading data inputs (a node inventory, <c>--baseline</c> files) gave: the objects, the arguments that do not exist, and
/// the problems of the files as findings (located, with the file's name), one style for every host.
/// </summary>
public sealed class DataLoad
{
    /// <summary>Gets the objects, in argument and file order.</summary>
    public List<ManifestObject> Objects { get; } = new();

    /// <summary>Gets the arguments that name nothing (or a standard input that cannot be read here).</summary>
    public List<string> Missing { get; } = new();

    /// <summary>Gets the problems of the files read, as findings at their catalog severity.</summary>
    public List<Finding> Findings { get; } = new();

    /// <summary>Gets a value indicating whether every argument exists and every file was read whole.</summary>
    public bool Complete => this.Missing.Count == 0 && !this.Findings.Exists(f => f.Severity == Severity.Error);

    /// <summary>Reads files and folders of data through the one reader.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="paths">Files or folders (standard input is refused: it holds the manifests).</param>
    /// <returns>What was read.</returns>
    public static DataLoad Read(InputReader reader, IEnumerable<string> paths)
    {
        var load = new DataLoad();
        var set = reader.Expand(paths);
        foreach (var p in set.Problems)
        {
            if (p.Problem.RuleId == RuleCatalog.DS9002_FileUnreadable.Id)
            {
                load.Missing.Add(p.Argument);
            }
        }

        foreach (var file in set.Files)
        {
            if (file.IsStdin)
            {
                load.Missing.Add("-");
                continue;
            }

            var read = reader.ReadObjects(file);
            load.Objects.AddRange(read.Objects);
            foreach (var problem in read.Problems)
            {
                load.Findings.Add(HostFindings.Of(file.DisplayName, problem));
            }
        }

        return load;
    }
}

/// <summary>Node inventories (<c>kubectl get nodes -o yaml|json</c>, a Node, or a folder of them): one loader for every host.</summary>
public static class NodeInventories
{
    /// <summary>Loads the Node objects of files or folders.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="paths">The paths.</param>
    /// <param name="load">What was read (missing paths, problems of the files as findings, DS3008 for Nodes that cannot be used among them).</param>
    /// <returns>The inventory.</returns>
    public static NodeInventory Load(InputReader reader, IEnumerable<string> paths, out DataLoad load)
    {
        load = DataLoad.Read(reader, paths);
        var inventory = NodeInventory.FromObjects(load.Objects);
        load.Findings.AddRange(inventory.Problems);
        load.Findings.Sort(ManifestValidator.CompareFindings);
        return inventory;
    }
}

/// <summary>Findings the host layer makes itself (input problems of data files), at their catalog severity.</summary>
public static class HostFindings
{
    /// <summary>Makes a finding for a problem of a file.</summary>
    /// <param name="file">The file's display name.</param>
    /// <param name="problem">The problem.</param>
    /// <returns>The finding.</returns>
    public static Finding Of(string? file, InputProblem problem)
    {
        var d = RuleCatalog.Get(problem.RuleId);
        return new Finding
        {
            RuleId = d.Id,
            Severity = d.DefaultSeverity,
            Message = problem.Message,
            Kind = FindingKind.Invalid,
            File = file,
            Span = problem.Span,
            HelpUri = d.HelpUri,
        };
    }
}
