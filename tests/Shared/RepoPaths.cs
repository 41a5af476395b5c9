using System;
using System.IO;

namespace DaemonLint.Tests;

/// <summary>Finds the repository root and the shared folder beside it, from the test binaries' location.</summary>
public static class RepoPaths
{
    private static readonly Lazy<string> RootLazy = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lint.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lint.sln not found above " + AppContext.BaseDirectory);
    });

    /// <summary>Gets the repository root (the folder holding Lint.sln).</summary>
    public static string Root => RootLazy.Value;

    /// <summary>Gets tests/Fixtures.</summary>
    public static string Fixtures => Path.Combine(Root, "tests", "Fixtures");

    /// <summary>Gets ../shared (the corpus and the OpenAPI spec live there; CI has it beside the clone).</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    /// <summary>Gets ../shared/corpus/real-world.</summary>
    public static string RealWorldCorpus => Path.Combine(Shared, "corpus", "real-world");
}
