using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using DaemonLint.Parity.Compare;
using DaemonLint.Parity.Generation;
using DaemonLint.Parity.Report;
using DaemonLint.Parity.Schema;

namespace DaemonLint.Parity;

/// <summary>The command line: <c>run</c>, <c>generate</c>, <c>compare</c>.</summary>
internal static class Program
{
    private const string Usage = """
        usage: dotnet run --project tools/Parity -- COMMAND [options]

        commands:
          run        generate mutants, run the oracle and the core on them, report every disagreement
          generate   write the mutants only (create documents, and update pairs as NAME.old.yaml + NAME.yaml)
          compare    compare the oracle and the core on given files: compare [--baseline OLD.yaml] FILE...

        options (run, generate):
          --seed N                 run seed (default 1); the mutants are the same for a seed on every machine
          --count N                number of mutants, create and update together (default 20000)
          --update                 make update mutants too (--update-share, default 0.35 of --count)
          --update-share X         share of update mutants
          --oracle PATH            oracle binary (default ../shared/oracle/v<version>/daemonset-oracle)
          --schema PATH            OpenAPI v3 of apps/v1 (default ../shared/k8s-openapi/v3/<version>/apps-v1.json)
          --corpus PATH|none       real-world seeds (default ../shared/corpus/real-world)
          --kubernetes-version X   the release compared, by both tools (default 1.32; 1.31 selects the v1.31 oracle)
          --feature-gates G=b,...  gate overrides given to the oracle and the core alike
          --namespace NS           request namespace for documents without one (default default)
          --allow-privileged B     kube-apiserver --allow-privileged (default true)
          --out DIR                report folder (default artifacts/parity)
          --keep-mutants           keep the generated files in DIR/work
          --chunk N                documents per oracle call (default 2500)
          --repo PATH              repository root (default: the folder above holding Lint.sln)

        exit codes: 0 no disagreement, 1 disagreements, 2 usage or environment error
        """;

    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var command = args[0];
            var (o, rest, baseline) = Parse(args.Skip(1).ToArray());
            switch (command)
            {
                case "run":
                    return RunCommand(o);
                case "generate":
                    return GenerateCommand(o);
                case "compare":
                    return CompareCommand(o, rest, baseline);
                default:
                    Console.Error.WriteLine($"parity: unknown command '{command}'\n{Usage}");
                    return 2;
            }
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine("parity: " + ex.Message);
            return 2;
        }
        catch (FileNotFoundException ex)
        {
            Console.Error.WriteLine("parity: " + ex.Message);
            return 2;
        }
    }

    private static int RunCommand(HarnessOptions o)
    {
        o.Log = Console.Error;
        var result = Harness.Run(o);
        var md = ReportWriter.Write(result, o.OutDir);
        Console.WriteLine(ReportWriter.Summary(result));
        Console.WriteLine(ReportWriter.TopGroups(result, 25));
        Console.WriteLine($"report: {md}");
        return result.DisagreementCount == 0 ? 0 : 1;
    }

    private static int GenerateCommand(HarnessOptions o)
    {
        var schema = OpenApiSchema.Load(o.SchemaPath);
        var seeds = Seeds.Read(Seeds.Files(o.RepoRoot, o.CorpusPath), o.RepoRoot);
        if (File.Exists(o.OraclePath))
        {
            var oracle = new Oracle.OracleRunner(o.OraclePath, o.Cluster.FeatureGates, o.Cluster.Namespace, o.Cluster.AllowPrivileged);
            var dir = Path.Combine(o.OutDir, "work");
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "seeds.yaml"), string.Join("---\n", seeds.Select(s => s.Text)));
            var ok = oracle.Run(dir, new[] { "seeds.yaml" }, null).Where(r => !r.Rejects && r.Item is null).Select(r => r.Doc).ToHashSet();
            seeds = seeds.Where((s, i) => ok.Contains(i)).ToList();
        }
        else
        {
            Console.Error.WriteLine($"parity: no oracle at {o.OraclePath}: seeds are used unchecked");
        }

        var generator = new Generator(schema, seeds, o.Seed);
        var updates = o.Update ? (int)Math.Round(o.Count * o.UpdateShare) : 0;
        var outDir = Path.Combine(o.OutDir, "mutants");
        Directory.CreateDirectory(outDir);
        using (var index = new StreamWriter(Path.Combine(outDir, "index.tsv")))
        {
            index.WriteLine("id\tfile\tseed\tmutation\tvariant\tdescription");
            for (var i = 0; i < o.Count - updates; i++)
            {
                var m = generator.Create(i);
                File.WriteAllText(Path.Combine(outDir, m.Id + ".yaml"), m.Text);
                index.WriteLine($"{m.Id}\t{m.Id}.yaml\t{m.Seed.Origin}\t{m.MutationId}\t\t{m.Description.Replace('\t', ' ')}");
            }

            for (var i = 0; i < updates; i++)
            {
                var m = generator.Update(i);
                File.WriteAllText(Path.Combine(outDir, m.Id + ".old.yaml"), m.OldText);
                File.WriteAllText(Path.Combine(outDir, m.Id + ".yaml"), m.Text);
                index.WriteLine($"{m.Id}\t{m.Id}.yaml\t{m.Seed.Origin}\t{m.MutationId}\t{m.Variant}\t{m.Description.Replace('\t', ' ')}");
            }
        }

        Console.WriteLine($"{o.Count} mutants ({o.Count - updates} create, {updates} update) written to {outDir} from {seeds.Count} seeds; {generator.CreateOperations.Count} create mutations, {generator.UpdateOperations.Count + generator.CuratedUpdates.Count} update mutations");
        return 0;
    }

    private static int CompareCommand(HarnessOptions o, List<string> files, string? baseline)
    {
        if (files.Count == 0)
        {
            throw new UsageException("compare needs at least one file");
        }

        var disagreements = 0;
        foreach (var (file, doc, oracle, core, cmp) in Harness.CompareFiles(o, files, baseline))
        {
            Console.WriteLine($"{Path.GetRelativePath(Directory.GetCurrentDirectory(), file)}#{doc}: {cmp.Category} (oracle {(cmp.OracleRejects ? "rejects" : "accepts")}{(oracle?.Mode == "update" ? ", update" : string.Empty)}, core {(cmp.CoreRejects ? "rejects" : "accepts")})");
            foreach (var i in cmp.OracleOnly)
            {
                Console.WriteLine($"  oracle only: {i.Path} {i.Type}: {i.Message}");
            }

            foreach (var i in cmp.CoreOnly)
            {
                Console.WriteLine($"  core only:   {i.Path} {i.Type} {i.RuleId}: {i.Message}");
            }

            foreach (var (i, side, k) in cmp.Known)
            {
                Console.WriteLine($"  known ({k.Id}, {side}): {i.Path} {i.Type}");
            }

            if (cmp.Disagrees)
            {
                disagreements++;
            }
        }

        return disagreements == 0 ? 0 : 1;
    }

    private static (HarnessOptions Options, List<string> Files, string? Baseline) Parse(string[] args)
    {
        string? repo = null;
        string? version = null;
        var set = new List<Action<HarnessOptions>>();
        var rest = new List<string>();
        string? baseline = null;
        string? featureGates = null;
        var ns = "default";
        var allowPrivileged = true;
        for (var i = 0; i < args.Length; i++)
        {
            var a = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new UsageException($"option '{a}' needs a value");
                }

                return args[++i];
            }

            switch (a)
            {
                case "--seed":
                    var seed = ulong.Parse(Value(), CultureInfo.InvariantCulture);
                    set.Add(o => o.Seed = seed);
                    break;
                case "--count":
                    var count = int.Parse(Value(), CultureInfo.InvariantCulture);
                    set.Add(o => o.Count = count);
                    break;
                case "--update":
                    set.Add(o => o.Update = true);
                    break;
                case "--update-share":
                    var share = double.Parse(Value(), CultureInfo.InvariantCulture);
                    set.Add(o => o.UpdateShare = share);
                    break;
                case "--oracle":
                    var oracle = Path.GetFullPath(Value());
                    set.Add(o => o.OraclePath = oracle);
                    break;
                case "--schema":
                    var schema = Path.GetFullPath(Value());
                    set.Add(o => o.SchemaPath = schema);
                    break;
                case "--corpus":
                    var corpus = Value();
                    set.Add(o => o.CorpusPath = corpus == "none" ? null : Path.GetFullPath(corpus));
                    break;
                case "--kubernetes-version":
                    version = Value();
                    break;
                case "--feature-gates":
                    featureGates = Value();
                    break;
                case "--namespace":
                    ns = Value();
                    break;
                case "--allow-privileged":
                    allowPrivileged = bool.Parse(Value());
                    break;
                case "--out":
                    var outDir = Path.GetFullPath(Value());
                    set.Add(o => o.OutDir = outDir);
                    break;
                case "--keep-mutants":
                    set.Add(o => o.KeepMutants = true);
                    break;
                case "--chunk":
                    var chunk = int.Parse(Value(), CultureInfo.InvariantCulture);
                    set.Add(o => o.ChunkSize = chunk);
                    break;
                case "--repo":
                    repo = Path.GetFullPath(Value());
                    break;
                case "--baseline":
                    baseline = Value();
                    break;
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"unknown option '{a}'");
                    }

                    rest.Add(a);
                    break;
            }
        }

        repo ??= FindRepo(Directory.GetCurrentDirectory()) ?? FindRepo(AppContext.BaseDirectory) ?? throw new UsageException("no Lint.sln above the current folder: give --repo");
        var options = HarnessOptions.ForRepository(repo, version);
        options.Cluster = options.Cluster with { FeatureGates = featureGates, Namespace = ns, AllowPrivileged = allowPrivileged };
        foreach (var s in set)
        {
            s(options);
        }

        return (options, rest, baseline);
    }

    private static string? FindRepo(string start)
    {
        for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Lint.sln")))
            {
                return d.FullName;
            }
        }

        return null;
    }

    private sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
