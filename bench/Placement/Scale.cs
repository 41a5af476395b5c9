using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using DaemonLint.Cli.Commands;
using DaemonLint.Cli.Output;
using DaemonLint.Hosting;
using DaemonLint.Model;
using DaemonLint.Placement;

namespace DaemonLint.Bench.Placement;

/// <summary>
/// <c>--scale</c>: the whole <c>place</c> pipeline at cluster size (default 5,000 nodes × 100 DaemonSets × 50,000 pods),
/// without BenchmarkDotNet: file sizes, reading the inventories, evaluation (decisions, classes, capacity), the three
/// outputs, and Debian's headless Chromium rendering the page (screenshot and DOM after scripts). Times are medians of
/// several runs, process CPU time beside wall time (the machine is shared).
/// </summary>
public static class Scale
{
    public static void Run(string[] args)
    {
        var nodes = Int(args, "--nodes", 5000);
        var daemonSets = Int(args, "--daemonsets", 100);
        var perNode = Int(args, "--pods-per-node", 10);
        var runs = Int(args, "--runs", 5);
        var outDir = Str(args, "--out") ?? Path.Combine(Path.GetTempPath(), "daemonlint-scale");
        var chromium = !args.Contains("--no-chromium");
        var only = args.Contains("--processes-only");
        Directory.CreateDirectory(outDir);
        Console.WriteLine($"# place at scale: {nodes:N0} nodes × {daemonSets:N0} DaemonSets × {nodes * perNode:N0} pods ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load {Load()})");
        Console.WriteLine();

        var nodesPath = Path.Combine(outDir, "nodes.yaml");
        var podsPath = Path.Combine(outDir, "pods.yaml");
        var dsPath = Path.Combine(outDir, "daemonsets.yaml");
        var sw = Stopwatch.StartNew();
        var nodesJson = Path.Combine(outDir, "nodes.json");
        var podsJson = Path.Combine(outDir, "pods.json");
        if (!(args.Contains("--reuse") && new[] { nodesPath, podsPath, dsPath, nodesJson, podsJson }.All(File.Exists)))
        {
            File.WriteAllText(nodesPath, Corpus.NodesYaml(nodes, realistic: true));
            File.WriteAllText(podsPath, Corpus.PodsYaml(nodes, perNode));
            File.WriteAllText(dsPath, Corpus.DaemonSetsYaml(daemonSets, capacity: true));
            using (var f = File.Create(nodesJson))
            {
                Corpus.WriteJsonList(Corpus.NodeItems(nodes, realistic: true), f);
            }

            using (var f = File.Create(podsJson))
            {
                Corpus.WriteJsonList(Corpus.PodItems(nodes, perNode), f);
            }
        }

        Console.WriteLine($"Generated in {sw.Elapsed.TotalSeconds:F1} s: nodes.yaml {Mb(nodesPath)} (nodes.json {Mb(nodesJson)}), pods.yaml {Mb(podsPath)} (pods.json {Mb(podsJson)}), daemonsets.yaml {Mb(dsPath)}");
        Console.WriteLine();
        Console.WriteLine("| Step | Median wall | Median CPU | Notes |");
        Console.WriteLine("|---|---:|---:|---|");

        var htmlPath = Path.Combine(outDir, "placement.html");
        if (!only)
        {
            // The loader every host uses (the host reader, the text check, the streaming YAML reader or the CLI's JSON parser).
            var loader = new InventoryLoader(new InputReader(outDir), JsonInventoryParser.Instance);
            NodeInventory inventory = null!;
            Row("Read nodes, YAML (streaming InventoryReader)", 3, () =>
            {
                var inv = new NodeInventory();
                loader.ReadFile(new SourceFile("nodes.yaml", nodesPath), o => inv.TryAdd(o));
                inventory = inv;
            }, () => $"{inventory.Nodes.Count:N0} nodes");
            Row("Read nodes, JSON (System.Text.Json fast path)", 3, () =>
            {
                var inv = new NodeInventory();
                loader.ReadFile(new SourceFile("nodes.json", nodesJson), o => inv.TryAdd(o));
                inventory = inv;
            }, () => $"{inventory.Nodes.Count:N0} nodes");

            PodInventory pods = null!;
            Row("Read pods, YAML (streaming InventoryReader)", 3, () =>
            {
                var inv = new PodInventory();
                loader.ReadFile(new SourceFile("pods.yaml", podsPath), o => inv.TryAdd(o));
                pods = inv;
            }, () => $"{pods.Pods.Count:N0} pods, {pods.BoundCount:N0} counted; peak working set so far {Process.GetCurrentProcess().PeakWorkingSet64 / (1 << 20):N0} MB");
            Row("Read pods, JSON (System.Text.Json fast path)", 3, () =>
            {
                var inv = new PodInventory();
                loader.ReadFile(new SourceFile("pods.json", podsJson), o => inv.TryAdd(o));
                pods = inv;
            }, () => $"{pods.Pods.Count:N0} pods, {pods.BoundCount:N0} counted");
            inventory.WithPods(pods);

            var dsObjects = Corpus.Read(File.ReadAllText(dsPath));
            var plans = dsObjects.Select(PlacementPlan.Compile).ToArray();
            Row("Decisions only (EvaluateAll)", runs, () => PlacementEvaluator.EvaluateAll(plans, inventory.Nodes, dsObjects), () => $"{plans.Length * inventory.Nodes.Count:N0} decisions");
            NodeClassSet classes = null!;
            Row("Node classes (NodeClassSet.Build)", runs, () => classes = NodeClassSet.Build(plans, inventory.Nodes), () => $"{classes.Classes.Count:N0} classes from {classes.ProbeCount} distinct requirements");
            Row("Capacity model (CapacityModel.Build)", runs, () => CapacityModel.Build(inventory.Nodes, pods), () => "per-node usage of the bound pods");
            PlacementRun run = null!;
            Row("**Whole evaluation** (PlacementRun.Evaluate: decisions, classes, capacity)", runs, () => run = PlacementRun.Evaluate(plans, inventory.Nodes, dsObjects, pods), () =>
                $"{run.Results.Sum(r => r.Desired):N0} pods created, {run.Results.Sum(r => r.PendingCount):N0} Pending; {run.Results.Count(r => r.RunsNowhere)} run nowhere");
            var report = new PlacementReport(inventory, run);
            Row("Groups of every DaemonSet (text/JSON/HTML use them)", runs, () =>
            {
                var fresh = PlacementRun.Evaluate(plans, inventory.Nodes, dsObjects, pods);
                foreach (var r in fresh.Results)
                {
                    fresh.GroupsOf(r);
                }
            }, () => $"{run.Results.Sum(r => run.GroupsOf(r).Count):N0} groups in all (includes a fresh evaluation)");

            string html = null!, text = null!, json = null!;
            Row("HTML page (PlacementHtml)", runs, () => html = Render(w => PlacementHtml.Write(report, w)), () => $"{Encoding.UTF8.GetByteCount(html) / 1024.0 / 1024:F2} MB, {Count(html, "<td")} cells, {Count(html, "<th class=\"cls\">")} rows");
            Row("Text (PlacementText)", runs, () => text = Render(w => PlacementText.Write(report, w)), () => $"{text.Split('\n').Length:N0} lines, {Encoding.UTF8.GetByteCount(text) / 1024.0:F0} KB");
            Row("JSON (PlacementJson)", 3, () => json = Render(w => PlacementJson.Write(report, w)), () => $"{Encoding.UTF8.GetByteCount(json) / 1024.0 / 1024:F1} MB (per-node lists kept)");
            File.WriteAllText(htmlPath, html, new UTF8Encoding(false));
            File.WriteAllText(Path.Combine(outDir, "placement.txt"), text);
        }

        var cli = Path.Combine(AppContext.BaseDirectory, "daemonlint.dll");
        if (File.Exists(cli))
        {
            RowProcess("`daemonlint place --nodes N.yaml --pods P.yaml --format html` (whole process)", 3, "dotnet", $"\"{cli}\" place --nodes \"{nodesPath}\" --pods \"{podsPath}\" --format html --output \"{Path.Combine(outDir, "cli.html")}\" \"{dsPath}\"");
            RowProcess("`daemonlint place --nodes N.json --pods P.json --format html` (whole process)", 3, "dotnet", $"\"{cli}\" place --nodes \"{nodesJson}\" --pods \"{podsJson}\" --format html --output \"{Path.Combine(outDir, "cli-json.html")}\" \"{dsPath}\"");
        }

        if (chromium)
        {
            var browser = Which("chromium") ?? Which("chromium-browser");
            if (browser is null)
            {
                Console.WriteLine("| Chromium | - | - | not installed |");
            }
            else
            {
                var png = Path.Combine(outDir, "placement.png");
                RowProcess("Chromium: load, lay out and screenshot 1400×900", 3, browser, Chromium($"--screenshot=\"{png}\" --window-size=1400,900 \"file://{htmlPath}\""));
                RowProcess("Chromium: DOM after scripts (--dump-dom, virtual time budget 5 s)", 3, browser, Chromium($"--dump-dom --virtual-time-budget=5000 \"file://{htmlPath}\""));
                var blank = Path.Combine(outDir, "blank.html");
                File.WriteAllText(blank, "<!DOCTYPE html><html><body>x</body></html>");
                RowProcess("Chromium: the same screenshot of an empty page (start-up cost)", 3, browser, Chromium($"--screenshot=\"{Path.Combine(outDir, "blank.png")}\" --window-size=1400,900 \"file://{blank}\""));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"Files in {outDir}.");
    }

    private static string Chromium(string rest)
    {
        var profile = Path.Combine(Path.GetTempPath(), "daemonlint-chromium-" + Guid.NewGuid().ToString("N"));
        return $"--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync --user-data-dir=\"{profile}\" {rest}";
    }

    private static void Row(string name, int runs, Action action, Func<string> notes)
    {
        action();
        var wall = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            process.Refresh();
            var c0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            action();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - c0).TotalMilliseconds);
        }

        Console.WriteLine($"| {name} | {Ms(Median(wall))} | {Ms(Median(cpu))} | {notes()} |");
    }

    private static void RowProcess(string name, int runs, string file, string arguments)
    {
        // CPU time of a child that has exited is not readable from Process on Linux: GNU time reports it when present.
        var time = File.Exists("/usr/bin/time") ? "/usr/bin/time" : null;
        var wall = new List<double>();
        var cpu = new List<double>();
        var rss = new List<double>();
        var exit = 0;
        for (var i = 0; i < runs; i++)
        {
            var psi = time is null
                ? new ProcessStartInfo(file, arguments)
                : new ProcessStartInfo(time, $"-f \"cpu %U %S %M\" \"{file}\" {arguments}");
            psi.RedirectStandardOutput = true;
            psi.RedirectStandardError = true;
            psi.UseShellExecute = false;
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEnd();
            stdout.Wait();
            p.WaitForExit();
            wall.Add(sw.Elapsed.TotalMilliseconds);
            var line = stderr.Split('\n').LastOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            if (line is not null)
            {
                var parts = line.Split(' ');
                cpu.Add((double.Parse(parts[1], CultureInfo.InvariantCulture) + double.Parse(parts[2], CultureInfo.InvariantCulture)) * 1000);
                rss.Add(double.Parse(parts[3], CultureInfo.InvariantCulture) / 1024);
            }

            exit = p.ExitCode;
        }

        Console.WriteLine($"| {name} | {Ms(Median(wall))} | {(cpu.Count == 0 ? "-" : Ms(Median(cpu)))} | exit {exit}{(rss.Count == 0 ? string.Empty : $", peak RSS {Median(rss):N0} MB")} |");
    }

    private static string Render(Action<TextWriter> write)
    {
        var w = new StringWriter(CultureInfo.InvariantCulture);
        write(w);
        return w.ToString();
    }

    private static double Median(List<double> xs)
    {
        xs.Sort();
        return xs[xs.Count / 2];
    }

    private static string Ms(double ms) => ms >= 1000 ? $"{ms / 1000:F2} s" : $"{ms:F0} ms";

    private static string Mb(string path) => $"{new FileInfo(path).Length / 1024.0 / 1024:F1} MB";

    private static int Count(string s, string what)
    {
        var n = 0;
        for (var i = s.IndexOf(what, StringComparison.Ordinal); i >= 0; i = s.IndexOf(what, i + what.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private static int Int(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static string? Str(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    private static string Load()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
