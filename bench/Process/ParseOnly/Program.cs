using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Engine;
using YamlDotNet.Core;

namespace DaemonLint.Bench.ParseOnly;

/// <summary>
/// Parses every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file of the paths given (files or folders, recursively, in ordinal
/// order) with YamlDotNet and consumes every event; prints the file and document counts. What daemonlint cannot do less than.
/// The scanner takes its string builders from each thread's stack, as daemonlint's reader sets it up
/// (<c>src/Validator/Yaml/ScannerBuilders.cs</c>); <c>--yamldotnet-pool</c> leaves YamlDotNet's pool for the process as it is.
/// </summary>
public static class Program
{
    /// <summary>Runs the parse.</summary>
    /// <param name="args">Files and folders.</param>
    /// <returns>0, 2 for a file that is not YAML, 3 when the scanner could not be set up as the reader sets it up.</returns>
    public static int Main(string[] args)
    {
        var files = new List<string>();
        var ownPool = false;
        foreach (var arg in args)
        {
            if (arg == "--yamldotnet-pool")
            {
                ownPool = true;
                continue;
            }

            if (Directory.Exists(arg))
            {
                var found = new List<string>();
                foreach (var f in Directory.EnumerateFiles(arg, "*", SearchOption.AllDirectories))
                {
                    var ext = Path.GetExtension(f);
                    if (ext is ".yaml" or ".yml" or ".json")
                    {
                        found.Add(f);
                    }
                }

                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else
            {
                files.Add(arg);
            }
        }

        if (!ownPool && !DaemonLint.Yaml.ScannerBuilders.Install())
        {
            Console.Error.WriteLine("parse-only: the scanner's builder pool was not found");
            return 3;
        }

        long documents = 0;
        var broken = 0;
        foreach (var file in files)
        {
            // The same steps as daemonlint's reader: the bytes, checked as UTF-8 and decoded as the parser reads them.
            if (!TextDecoder.TryOpen(File.ReadAllBytes(file), out var text, out _))
            {
                broken++;
                continue;
            }

            try
            {
                var parser = new Parser(new Scanner(text, skipComments: true));
                while (parser.MoveNext())
                {
                    if (parser.Current is YamlDotNet.Core.Events.DocumentStart)
                    {
                        documents++;
                    }
                }
            }
            catch (YamlException)
            {
                broken++;
            }
        }

        Console.Out.WriteLine($"{files.Count} files, {documents} documents, {broken} not YAML");
        if (Environment.GetEnvironmentVariable("DAEMONLINT_TRACE") == "1")
        {
            // The same line as daemonlint's trace, to compare what the bare parse allocates.
            Console.Error.WriteLine($"parse-only trace: {GC.GetTotalAllocatedBytes() / 1048576.0:F1} MiB allocated, collections gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms");
        }

        return broken == 0 ? 0 : 2;
    }
}
