using System;
using System.Collections.Generic;
using System.IO;
using DaemonLint.Catalog;
using DaemonLint.Engine;
using DaemonLint.Hosting;
using DaemonLint.Model;
using DaemonLint.Placement;
using DaemonLint.Yaml;
using TextDecoder = DaemonLint.Engine.TextDecoder;

namespace DaemonLint.Fuzz;

/// <summary>
/// The AFL++ target. One input is a manifest, optionally followed by a NUL byte and a baseline (prior versions for the
/// update rules). Each input goes through every step a host takes for a file's bytes: the reader's decoding and YAML, every
/// rule (the Node objects of both parts as the node inventory, so the placement rules run), the baseline comparison, the
/// configuration reader, and the canonical text of every finding. A crash is any exception that escapes, and any DS9008
/// (a rule or the reader failed internally: the engine turns that exception into a finding, the fuzzer must still see it).
/// </summary>
public static class Program
{
    /// <summary>Runs the target under AFL++ (<c>afl-fuzz ... -- dotnet DaemonLint.Fuzz.dll</c>), or once per file given as an argument.</summary>
    /// <param name="args">No arguments under AFL++; else files or folders to run once each (replaying crashers).</param>
    /// <returns>0, or 1 when a replayed input fails.</returns>
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            SharpFuzz.Fuzzer.OutOfProcess.Run(stream => Run(ReadAll(stream)));
            return 0;
        }

        var failed = 0;
        foreach (var a in args)
        {
            foreach (var f in Directory.Exists(a) ? Directory.GetFiles(a) : new[] { a })
            {
                try
                {
                    Run(File.ReadAllBytes(f));
                }
                catch (Exception ex)
                {
                    failed++;
                    Console.Error.WriteLine($"{f}: {ex}");
                }
            }
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>Checks one input; throws on a defect.</summary>
    /// <param name="input">The bytes.</param>
    public static void Run(byte[] input)
    {
        var split = Array.IndexOf(input, (byte)0);
        var manifest = split < 0 ? input : input.AsSpan(0, split).ToArray();
        var prior = split < 0 ? null : input.AsSpan(split + 1).ToArray();

        // Small limits, so that the fuzzer spends its time on shapes rather than sizes (the limits themselves are tested).
        var limits = ReaderLimits.Default with { MaxFileBytes = 1 << 20 };
        var reader = new InputReader(Path.GetTempPath(), limits);
        var file = new SourceFile("fuzz.yaml", null);
        var parsed = reader.ParseObjects(file, new ReadResult(manifest, null));
        Check(parsed.Problems);

        BaselineIndex? baseline = null;
        var objects = new List<ManifestObject>(parsed.Objects);
        if (prior is not null)
        {
            var before = reader.ParseObjects(new SourceFile("HEAD:fuzz.yaml", null), new ReadResult(prior, null));
            Check(before.Problems);
            baseline = new BaselineIndex("default");
            foreach (var o in before.Objects)
            {
                baseline.Add(o);
            }

            objects.AddRange(before.Objects);
        }

        var nodes = NodeInventory.FromObjects(objects.FindAll(o => o.Kind == "Node"));
        foreach (var options in new[]
        {
            new ValidatorOptions { Limits = limits },
            new ValidatorOptions { Limits = limits, Nodes = nodes, AllowPrivileged = false, UserNamespaces = true },
        })
        {
            var report = new ManifestValidator(options).ValidateBytes("fuzz.yaml", manifest, baseline);
            foreach (var f in report.Findings)
            {
                if (f.RuleId == RuleCatalog.DS9008_InternalError.Id)
                {
                    throw new InvalidOperationException("internal error: " + f.Message);
                }

                _ = FindingText.Line(f);
            }
        }

        // The same bytes as a .daemonlint.yaml.
        if (TextDecoder.TryDecode(manifest, out var text, out _))
        {
            var config = ConfigurationFile.Parse(Path.Combine(Path.GetTempPath(), ".daemonlint.yaml"), ".daemonlint.yaml", text);
            Check(config.Problems);
            foreach (var entry in config.Suppressions.Ignore)
            {
                entry.Matches("DS1001", "deploy/a/b/ds.yaml", new ObjectRef("fuzz.yaml", 0, "apps/v1", "DaemonSet", "kube-system", "fluent-bit"));
            }
        }
    }

    private static void Check(List<InputProblem> problems)
    {
        foreach (var p in problems)
        {
            if (p.RuleId == RuleCatalog.DS9008_InternalError.Id)
            {
                throw new InvalidOperationException("internal error: " + p.Message);
            }
        }
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return ms.ToArray();
    }
}
