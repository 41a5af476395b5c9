using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using DaemonLint.Cli;
using DaemonLint.Cli.Tests;
using DaemonLint.Tests;

namespace DaemonLint.Integration.Tests;

/// <summary>
/// The real-world corpus through the built tool with <c>--format json</c>: no errors except in the files SOURCES.md
/// marks as using a removed API, and those are flagged.
/// </summary>
public sealed class CorpusEndToEndTests : IClassFixture<ToolProcess>
{
    private static readonly Regex RemovedRow = new(@"^\|\s*\d+\s*\|\s*`(?<file>[^`]+)`\s*\|.*\*\*removed API\*\*", RegexOptions.Multiline | RegexOptions.CultureInvariant);

    private readonly ToolProcess tool;

    public CorpusEndToEndTests(ToolProcess tool) => this.tool = tool;

    [Fact]
    public void RealWorldCorpus_HasErrorsOnlyInRemovedApiFiles()
    {
        var corpus = RepoPaths.RealWorldCorpus;
        Assert.True(Directory.Exists(corpus), $"the real-world corpus is expected at {corpus} (../shared beside the repository)");
        var removed = RemovedApiFiles(corpus);
        Assert.NotEmpty(removed);

        var r = this.tool.Run(corpus, null, "validate", "--format", "json", ".");

        Assert.Equal(string.Empty, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        var findings = doc.RootElement.GetProperty("findings").EnumerateArray().ToList();
        var errors = findings.Where(f => f.GetProperty("severity").GetString() == "error").ToList();
        var unexpected = errors
            .Where(f => !removed.Contains(f.GetProperty("file").GetString()!))
            .Select(f => $"{f.GetProperty("file").GetString()}({f.GetProperty("line")},{f.GetProperty("column")}): {f.GetProperty("ruleId").GetString()}: {f.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(unexpected.Count == 0, "errors outside the removed-API files:\n" + string.Join("\n", unexpected));

        var flagged = errors.Select(f => f.GetProperty("file").GetString()!).ToHashSet(StringComparer.Ordinal);
        var notFlagged = removed.Where(f => !flagged.Contains(f)).ToList();
        Assert.True(notFlagged.Count == 0, "removed-API files without an error:\n" + string.Join("\n", notFlagged));
        Assert.Equal(Directory.GetFiles(corpus, "*.yaml").Length, doc.RootElement.GetProperty("summary").GetProperty("files").GetInt32());
        Assert.Equal(Program.ExitFindings, r.ExitCode);
    }

    private static HashSet<string> RemovedApiFiles(string corpus)
    {
        var sources = File.ReadAllText(Path.Combine(corpus, "SOURCES.md"));
        var files = RemovedRow.Matches(sources).Select(m => m.Groups["file"].Value).ToHashSet(StringComparer.Ordinal);
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(corpus, f)), f));
        return files;
    }
}
