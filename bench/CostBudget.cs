using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text;
using DaemonLint.Engine;
using DaemonLint.Model;
using DaemonLint.Rules;

namespace DaemonLint.Bench;

/// <summary>
/// <c>--slopes [maxN] [field]</c>: the cost budget. Grows each list-valued field of a DaemonSet from 10 to maxN items
/// (10,000 by default; one field at a time, the rest of the object small and valid) and times
/// <see cref="ManifestValidator.ValidateText"/> at 10, 100, 1,000, 3,162, 5,000 and 10,000 items. For each input it prints
/// the doubling ratio t(10,000) / t(5,000) (2 for linear work, 4 for a pair loop) and the slope of log(time) over log(n)
/// fitted on the last decade (1 for linear work, 2 for a pair loop); a ratio above <see cref="DoublingBudget"/> or a slope
/// above <see cref="Budget"/> is suspect and measured again from 10,000 to 31,623 items, where a slope above
/// <see cref="ConfirmBudget"/> counts as superlinear. Then each rule runs alone on every input at 5,000 and 10,000 items
/// and its highest doubling ratio is printed, with the same confirmation one doubling further. The mode exits with 1
/// when anything is superlinear.
/// </summary>
/// <remarks>
/// Each field comes in variants: distinct items, and items that are all the same (the duplicates are what pair loops
/// and per-item findings feed on). Times are the calling thread's CPU time, the minimum of repeated runs (at least 3,
/// and at least 100 ms of runs per size): the work is deterministic, so the minimum is the least disturbed by other
/// processes on a shared machine.
/// </remarks>
internal static class CostBudget
{
    /// <summary>The largest slope accepted (linear times a log, with room for measurement noise).</summary>
    public const double Budget = 1.15;

    /// <summary>The slope from 10,000 to 31,623 items above which a suspect counts as superlinear.</summary>
    public const double ConfirmBudget = 1.4;

    /// <summary>The largest time ratio accepted when the input doubles (2 for linear work, 4 for a pair loop).</summary>
    public const double DoublingBudget = 2.5;

    /// <summary>A rule taking less than this at the largest size is not measured alone (milliseconds).</summary>
    public const double RuleFloor = 0.5;

    private const int Passes = 2;

    private static readonly int[] AllSizes = { 10, 100, 1_000, 3_162, 10_000, 31_623, 100_000 };

    // DAEMONLINT_BENCH_NOGC=1: each run inside a no-GC region (when the runtime grants one that large), to tell the
    // algorithm's own growth from the collector's, whose cost grows with the live heap.
    private static readonly bool NoGc = Environment.GetEnvironmentVariable("DAEMONLINT_BENCH_NOGC") == "1";

    public static int Run(string[] args)
    {
        // Fully optimized code from the first run (no tier-0 code timed at the small sizes), and a GC that works on the
        // allocating thread (its time is in the thread's CPU time): both are startup settings, so the mode runs itself
        // again with them when they are not set.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") != "0" || Environment.GetEnvironmentVariable("DOTNET_gcConcurrent") != "0")
        {
            var start = new ProcessStartInfo(Environment.ProcessPath!) { UseShellExecute = false };
            if (!Environment.ProcessPath!.EndsWith("DaemonLint.Bench", StringComparison.Ordinal) && !Environment.ProcessPath.EndsWith("DaemonLint.Bench.exe", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(typeof(CostBudget).Assembly.Location); // run through the dotnet host
            }

            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            start.Environment["DOTNET_TieredCompilation"] = "0";
            start.Environment["DOTNET_gcConcurrent"] = "0";
            using var child = Process.Start(start)!;
            child.WaitForExit();
            return child.ExitCode;
        }

        var max = args.Length > 1 && int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m >= 20 ? m : 10_000;
        var only = args.Length > 2 ? args[2] : null;

        // The fixed sizes below max, then half of max and max: t(max) / t(max / 2) is the doubling ratio.
        var sizes = AllSizes.Where(n => n < max / 2).Append(max / 2).Append(max).Distinct().OrderBy(n => n).ToArray();
        var validator = new ManifestValidator();
        var cases = Fields()
            .Where(f => only is null || f.Name.Contains(only, StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => f.Variants.Select(v => new Case(f.Name, v.Name, v.Make, sizes.Select(n => v.Make(n)).ToArray())))
            .ToList();

        Console.WriteLine($"Cost budget: {cases.Count} inputs, sizes {string.Join(", ", sizes.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}; CPU time of the validating thread, least of repeated runs.");
        Console.WriteLine();

        // Every point is measured in each of several passes over the whole table, and the least time is kept: a burst
        // of load from other processes then spoils one pass of a point, not its result.
        var times = cases.Select(_ => Enumerable.Repeat(double.MaxValue, sizes.Length).ToArray()).ToList();
        for (var pass = 0; pass < Passes; pass++)
        {
            for (var c = 0; c < cases.Count; c++)
            {
                for (var i = 0; i < sizes.Length; i++)
                {
                    var text = cases[c].Texts[i];
                    times[c][i] = Math.Min(times[c][i], Measure(() => validator.ValidateText("budget.yaml", text).Findings.Count));
                }
            }
        }

        var suspect = new List<Case>();
        var at1000 = Array.IndexOf(sizes, 1_000);
        Console.WriteLine("### Whole validation (reader, every rule, findings sorted), one field grown at a time");
        Console.WriteLine();
        Console.WriteLine($"| Field | Items | t(10) | t(1,000) | t({sizes[^2]:N0}) | t({sizes[^1]:N0}) | Doubling ratio | Findings at {sizes[^1]:N0} | Slope |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (var c = 0; c < cases.Count; c++)
        {
            var @case = cases[c];
            var findings = validator.ValidateText("budget.yaml", @case.Texts[^1]).Findings.Count;
            var slope = Slope(sizes, times[c], from: sizes[^1] / 10); // the last decade: 1,000 to 10,000 by default
            var ratio = times[c][^1] / times[c][^2];
            var flagged = slope > Budget || ratio > DoublingBudget;
            Console.WriteLine($"| {@case.Field} | {@case.Variant} | {Ms(times[c][0])} | {(at1000 < 0 ? "-" : Ms(times[c][at1000]))} | {Ms(times[c][^2])} | {Ms(times[c][^1])} | {ratio:0.00} | {findings:N0} | {slope:0.00}{(flagged ? " **suspect**" : string.Empty)} |");
            if (flagged)
            {
                suspect.Add(@case);
            }
        }

        // A suspect is measured again one half-decade further (10,000 -> 31,623): work that grows with n^2 keeps a slope
        // near 2 there, while the n log n sort of the findings and a working set outgrowing the caches stay near 1.
        var confirmed = 0;
        foreach (var @case in suspect)
        {
            var far = new[] { sizes[^1], (int)Math.Round(sizes[^1] * Math.Sqrt(10)) };
            var texts = far.Select(@case.Make).ToArray();
            var t = texts.Select(text => Enumerable.Range(0, Passes).Min(_ => Measure(() => validator.ValidateText("budget.yaml", text).Findings.Count))).ToArray();
            var slope = Math.Log(t[1] / t[0]) / Math.Log((double)far[1] / far[0]);
            Console.WriteLine();
            Console.WriteLine($"{@case.Field} ({@case.Variant}): {Ms(t[0])} at {far[0]:N0} items, {Ms(t[1])} at {far[1]:N0}: slope {slope:0.00}{(slope > ConfirmBudget ? " **superlinear**" : " (linear; the fit above was noise, the findings' sort or the caches)")}");
            if (slope > ConfirmBudget)
            {
                confirmed++;
            }
        }

        confirmed += PerRule(cases, sizes);
        Console.WriteLine();
        Console.WriteLine(confirmed == 0 ? "Within budget: no input and no rule grows faster than n log n." : $"Over budget: {confirmed} superlinear (see above).");
        return confirmed == 0 ? 0 : 1;
    }

    /// <summary>
    /// <c>--cost field variant n...</c>: one timed validation of the input (the first field whose name contains
    /// <c>field</c>, its variant named <c>variant</c>) at each size, smallest first, with wall time, CPU time and the
    /// memory allocated: the before/after figure of a single pathological input. Stops after a size that takes more
    /// than a minute.
    /// </summary>
    /// <param name="args">The arguments: <c>--cost</c>, the field, the variant and the sizes.</param>
    /// <returns>The exit code: 2 when the field or variant is unknown.</returns>
    public static int Cost(string[] args)
    {
        var field = Fields().FirstOrDefault(f => args.Length > 1 && f.Name.Contains(args[1], StringComparison.OrdinalIgnoreCase));
        var variant = field?.Variants.FirstOrDefault(v => args.Length > 2 && v.Name == args[2]);
        if (field is null || variant is null)
        {
            Console.Error.WriteLine("usage: --cost FIELD VARIANT N... (fields and variants: --slopes prints them)");
            return 2;
        }

        var validator = new ManifestValidator();
        validator.ValidateText("budget.yaml", variant.Value.Make(10)); // JIT and the rule tables, outside the figures
        foreach (var n in args.Skip(3).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).OrderBy(n => n))
        {
            var text = variant.Value.Make(n);
            GC.Collect();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var cpu0 = ThreadCpu.Milliseconds();
            var sw = Stopwatch.StartNew();
            var report = validator.ValidateText("budget.yaml", text);
            var wall = sw.Elapsed.TotalMilliseconds;
            var cpu = cpu0 is { } start && ThreadCpu.Milliseconds() is { } end ? end - start : wall;
            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{field.Name} ({variant.Value.Name}), {n:N0} items, {text.Length / 1024.0:N0} KiB: wall {Ms(wall)}, CPU {Ms(cpu)}, allocated {bytes / 1048576.0:N1} MiB, {report.Findings.Count:N0} findings, longest message {(report.Findings.Count == 0 ? 0 : report.Findings.Max(f => f.Message.Length)):N0} chars"));
            if (wall > 60_000)
            {
                break;
            }
        }

        return 0;
    }

    // A least-squares fit of log(time) on log(n) over the sizes from `from` up.
    private static double Slope(int[] sizes, double[] times, int from)
    {
        var points = sizes.Select((n, i) => (X: Math.Log(n), Y: Math.Log(Math.Max(times[i], 1e-6)))).Where((p, i) => sizes[i] >= from).ToArray();
        var mx = points.Average(p => p.X);
        var my = points.Average(p => p.Y);
        return points.Sum(p => (p.X - mx) * (p.Y - my)) / points.Sum(p => (p.X - mx) * (p.X - mx));
    }

    // The minimum over repeated runs of the calling thread's CPU time (wall time where the OS cannot tell): a shared
    // machine with a load of 20 on 2 cores stretches wall time at random, not the CPU time the run itself used. Each run
    // starts on a collected heap, so a run pays for its own garbage only (the GC works on this thread: gcConcurrent=0).
    private static double Measure(Func<int> run)
    {
        run();
        var best = double.MaxValue;
        var total = 0.0;
        for (var i = 0; i < 20 && (i < 3 || total < 100); i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var noGc = NoGc && GC.TryStartNoGCRegion(4L << 30);
            var cpu0 = ThreadCpu.Milliseconds();
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(run());
            var wall = sw.Elapsed.TotalMilliseconds;
            if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }

            var ms = cpu0 is { } start && ThreadCpu.Milliseconds() is { } end ? end - start : wall;
            best = Math.Min(best, ms);
            total += wall;
        }

        return best;
    }

    private static string Ms(double ms) => ms >= 100 ? ms.ToString("N0", CultureInfo.InvariantCulture) + " ms" : ms.ToString("0.00", CultureInfo.InvariantCulture) + " ms";

    // Each rule alone, on every input read once at the two largest sizes: the rule's doubling ratio on the input where
    // it costs the most. A rule is screened with one run at the largest size first, and measured only when that run
    // takes RuleFloor or more (a pair loop over 10,000 items is 50 million comparisons: far above the floor). A ratio
    // above 2^ConfirmBudget is measured again one doubling further, and counts when it stays there.
    private static int PerRule(List<Case> cases, int[] sizes)
    {
        var worst = new Dictionary<Rule, (Case Case, double Half, double Full)>();
        var alone = RuleSet.All.ToDictionary(r => r, r => new ManifestValidator(rules: new[] { r }));
        foreach (var @case in cases)
        {
            var warm = Read(@case.Texts[0]);
            var half = Read(@case.Texts[^2]);
            var full = Read(@case.Texts[^1]);
            foreach (var rule in RuleSet.All)
            {
                var v = alone[rule];
                Run(v, warm);
                if (Once(() => Run(v, full)) < RuleFloor)
                {
                    continue;
                }

                var th = Measure(() => Run(v, half));
                var tf = Measure(() => Run(v, full));
                if (tf < RuleFloor)
                {
                    continue; // the screening run was disturbed
                }

                if (!worst.TryGetValue(rule, out var w) || tf / th > w.Full / w.Half)
                {
                    worst[rule] = (@case, th, tf);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine($"### Each rule alone, on the input where its doubling ratio is highest ({sizes[^2]:N0} -> {sizes[^1]:N0} items)");
        Console.WriteLine();
        Console.WriteLine($"| Rule | Input | t({sizes[^2]:N0}) | t({sizes[^1]:N0}) | Doubling ratio |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        var over = new List<(Rule Rule, Case Case)>();
        foreach (var (rule, (@case, th, tf)) in worst.OrderBy(kv => kv.Key.Descriptor.Id, StringComparer.Ordinal))
        {
            var ratio = tf / th;
            var flagged = ratio > Math.Pow(2, ConfirmBudget);
            Console.WriteLine($"| {rule.Descriptor.Id} | {@case.Field} ({@case.Variant}) | {Ms(th)} | {Ms(tf)} | {ratio:0.00}{(flagged ? " **suspect**" : string.Empty)} |");
            if (flagged)
            {
                over.Add((rule, @case));
            }
        }

        Console.WriteLine();
        Console.WriteLine($"The other {RuleSet.All.Count - worst.Count} rules take under {RuleFloor:0.0} ms at {sizes[^1]:N0} items on every input.");
        var confirmed = 0;
        foreach (var (rule, @case) in over)
        {
            var far = new[] { sizes[^1], sizes[^1] * 2 }.Select(n => Read(@case.Make(n))).ToArray();
            var t = far.Select(o => Measure(() => Run(alone[rule], o))).ToArray();
            var ratio = t[1] / t[0];
            Console.WriteLine($"{rule.Descriptor.Id} on {@case.Field} ({@case.Variant}): {Ms(t[0])} at {sizes[^1]:N0} items, {Ms(t[1])} at {sizes[^1] * 2:N0}: ratio {ratio:0.00}{(ratio > Math.Pow(2, ConfirmBudget) ? " **superlinear**" : " (linear; the first figure was noise)")}");
            if (ratio > Math.Pow(2, ConfirmBudget))
            {
                confirmed++;
            }
        }

        return confirmed;
    }

    private static List<ManifestObject> Read(string text) =>
        Yaml.YamlManifestReader.ReadDocuments("budget.yaml", text).SelectMany(d => d.Objects).ToList();

    private static int Run(ManifestValidator validator, List<ManifestObject> objects)
    {
        var into = new List<Finding>();
        foreach (var o in objects)
        {
            validator.ValidateObject(o, null, into);
        }

        return into.Count;
    }

    // One run's CPU time (wall time where the OS cannot tell).
    private static double Once(Func<int> run)
    {
        var cpu0 = ThreadCpu.Milliseconds();
        var sw = Stopwatch.StartNew();
        GC.KeepAlive(run());
        var wall = sw.Elapsed.TotalMilliseconds;
        return cpu0 is { } start && ThreadCpu.Milliseconds() is { } end ? end - start : wall;
    }

    private static IEnumerable<Field> Fields()
    {
        // Pod spec fields (indented 6), container fields (indented 8, under containers[0]), template metadata maps.
        yield return PodList("ports", "containers:\n  - name: c\n    image: i\n    ports:", 4, i => $"{{containerPort: {(i % 60_000) + 1}, name: p{i}}}", _ => "{containerPort: 80}");
        yield return PodList("ports with hostPort", "containers:\n  - name: c\n    image: i\n    ports:", 4, i => $"{{containerPort: {(i % 60_000) + 1}, hostPort: {(i % 60_000) + 1}}}", _ => "{containerPort: 80, hostPort: 80}");
        yield return PodList("env", "containers:\n  - name: c\n    image: i\n    env:", 4, i => $"{{name: E{i}, value: \"$(E{i})x\"}}", _ => "{name: E, value: v}");
        yield return PodList("envFrom", "containers:\n  - name: c\n    image: i\n    envFrom:", 4, i => $"{{configMapRef: {{name: cm{i}}}}}", _ => "{configMapRef: {name: cm}}");
        yield return PodList("volumes", "containers: [{name: c, image: i}]\nvolumes:", 0, i => $"{{name: v{i}, emptyDir: {{}}}}", _ => "{name: v, emptyDir: {}}");
        yield return PodList("volumeMounts", "volumes: [{name: data, emptyDir: {}}]\ncontainers:\n  - name: c\n    image: i\n    volumeMounts:", 4, i => $"{{name: data, mountPath: /m{i}, subPath: s{i}}}", _ => "{name: missing, mountPath: /m}");
        yield return PodList("volumeMounts to many volumes", null, 0, null, null, n =>
            "volumes:\n" + Lines(n, i => $"  - {{name: v{i}, configMap: {{name: cm{i}}}}}") + "containers:\n  - name: c\n    image: i\n    volumeMounts:\n" + Lines(n, i => $"      - {{name: v{i}, mountPath: /m{i}, readOnly: true}}"));
        yield return PodList("volumeDevices", "volumes: [{name: data, persistentVolumeClaim: {claimName: c}}]\ncontainers:\n  - name: c\n    image: i\n    volumeDevices:", 4, i => $"{{name: data, devicePath: /dev/d{i}}}", _ => "{name: data, devicePath: /dev/d}");
        yield return PodList("tolerations", "containers: [{name: c, image: i}]\ntolerations:", 0, i => $"{{key: k{i}, operator: Exists, effect: NoSchedule}}", _ => "{key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 30}");
        yield return PodList("topologySpreadConstraints", "containers: [{name: c, image: i}]\ntopologySpreadConstraints:", 0, i => $"{{maxSkew: 1, topologyKey: k{i}, whenUnsatisfiable: DoNotSchedule, labelSelector: {{matchLabels: {{app: a}}}}, matchLabelKeys: [pod-template-hash]}}", _ => "{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}");
        yield return PodList("containers", "containers:", 0, i => $"{{name: c{i}, image: i, ports: [{{containerPort: {(i % 60_000) + 1}}}], env: [{{name: A, value: b}}], volumeMounts: [{{name: data, mountPath: /d}}], resources: {{limits: {{cpu: 100m}}, requests: {{cpu: 50m}}}}, livenessProbe: {{httpGet: {{port: 80}}}}}}\n", _ => "{name: c, image: i, imagePullPolicy: Sometimes}", prefix: "volumes: [{name: data, emptyDir: {}}]\n");
        yield return PodList("initContainers", "containers: [{name: main, image: i}]\ninitContainers:", 0, i => $"{{name: c{i}, image: i, restartPolicy: Always, ports: [{{containerPort: 80}}]}}", _ => "{name: c, image: i, restartPolicy: Sometimes, ports: [{containerPort: 80}]}");
        yield return PodList("imagePullSecrets", "containers: [{name: c, image: i}]\nimagePullSecrets:", 0, i => $"{{name: s{i}}}", _ => "{name: s}");
        yield return PodList("hostAliases", "containers: [{name: c, image: i}]\nhostAliases:", 0, i => $"{{ip: 10.0.{(i / 250) % 250}.{(i % 250) + 1}, hostnames: [h{i}.example.com]}}", _ => "{ip: 10.0.0.1/8, hostnames: [Host]}");
        yield return PodList("nodeAffinity terms", "containers: [{name: c, image: i}]\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:", 4, i => $"{{matchExpressions: [{{key: k{i}, operator: In, values: [a]}}], matchFields: [{{key: metadata.name, operator: In, values: [n{i}]}}]}}", _ => "{matchExpressions: [{key: metadata.name, operator: In, values: [a]}]}");
        yield return PodList("nodeAffinity expressions", "containers: [{name: c, image: i}]\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:", 10, i => $"{{key: k{i}, operator: In, values: [a, b]}}", _ => "{key: k, operator: Gt, values: [a, b]}");
        yield return PodList("nodeAffinity values", "containers: [{name: c, image: i}]\naffinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms:\n        - matchExpressions:\n            - key: kubernetes.io/hostname\n              operator: In\n              values:", 14, i => $"node-{i}", _ => "Node_X");
        yield return PodList("nodeAffinity preferred", "containers: [{name: c, image: i}]\naffinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:", 4, i => $"{{weight: {(i % 100) + 1}, preference: {{matchExpressions: [{{key: k{i}, operator: Exists}}]}}}}", _ => "{weight: 0, preference: {matchExpressions: [{key: k, operator: Exists}]}}");
        yield return PodList("podAffinity terms", "containers: [{name: c, image: i}]\naffinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:", 4, i => $"{{labelSelector: {{matchLabels: {{app: a{i}}}}}, topologyKey: k{i}}}", _ => "{topologyKey: \"\"}");
        yield return PodList("podAntiAffinity preferred", "containers: [{name: c, image: i}]\naffinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution:", 4, i => $"{{weight: 1, podAffinityTerm: {{labelSelector: {{matchExpressions: [{{key: app, operator: In, values: [a{i}]}}]}}, topologyKey: k{i}}}}}", _ => "{weight: 101, podAffinityTerm: {topologyKey: k}}");
        yield return PodList("readinessGates", "containers: [{name: c, image: i}]\nreadinessGates:", 0, i => $"{{conditionType: example.com/g{i}}}", _ => "{conditionType: \"-bad-\"}");
        yield return PodList("schedulingGates", "containers: [{name: c, image: i}]\nschedulingGates:", 0, i => $"{{name: example.com/g{i}}}", _ => "{name: example.com/g}");
        yield return PodList("sysctls", "containers: [{name: c, image: i}]\nsecurityContext:\n  sysctls:", 2, i => $"{{name: net.ipv4.s{i}, value: \"1\"}}", _ => "{name: net.core.somaxconn, value: \"1\"}");
        yield return PodList("args", "containers:\n  - name: c\n    image: i\n    args:", 4, i => $"--flag-{i}=$(VAR_{i})", _ => "--same");
        yield return PodList("resources", null, 0, null, null, n =>
            "containers:\n  - name: c\n    image: i\n    resources:\n      limits:\n" + Lines(n, i => $"        example.com/r{i}: \"2\"") + "      requests:\n" + Lines(n, i => $"        example.com/r{n - 1 - i}: \"3\""));
        yield return Meta("template labels", "labels", i => $"l{i}: v{i}", bad: i => $"\"-l{i}\": \"-v\"");
        yield return Meta("template annotations", "annotations", i => $"example.com/a{i}: v{i}", bad: i => $"\"-a{i}\": v");
        yield return Selector();
        yield return new Field("documents", new (string, Func<int, string>)[]
        {
            ("DaemonSets in one file", n => string.Concat(Enumerable.Range(0, n).Select(i => Wrap("containers: [{name: c, image: i}]\n").Replace("name: budget", "name: b" + i.ToString(CultureInfo.InvariantCulture)) + "---\n"))),
        });
        yield return new Field("line comments", new (string, Func<int, string>)[]
        {
            ("suppressing one finding each", n => Wrap("containers:\n" + Lines(n, i => $"  - {{name: c{i}, image: i, imagePullPolicy: sometimes}} # daemonlint-disable-line DS1136"))),
            ("suppressing nothing", n => Wrap("containers:\n" + Lines(n, i => $"  - {{name: c{i}, image: i}} # daemonlint-disable-line DS1136"))),
        });
    }

    private static Field PodList(string name, string? head, int indent, Func<int, string>? distinct, Func<int, string?>? same, Func<int, string>? custom = null, string prefix = "")
    {
        if (custom is not null)
        {
            return new Field(name, new (string, Func<int, string>)[] { ("distinct", n => Wrap(custom(n))) });
        }

        var pad = new string(' ', indent + 2);
        string Make(int n, Func<int, string?> item) => Wrap(prefix + head + "\n" + Lines(n, i => pad + "- " + item(i)!.TrimEnd('\n')));
        return new Field(name, new (string, Func<int, string>)[] { ("distinct", n => Make(n, distinct!)), ("all the same", n => Make(n, same!)) });
    }

    private static Field Meta(string name, string key, Func<int, string> good, Func<int, string> bad)
    {
        string Make(int n, Func<int, string> entry) => Wrap("containers: [{name: c, image: i}]\n").Replace(
            "    metadata:\n      labels: {app: a}\n",
            key == "labels" ? "    metadata:\n      labels:\n        app: a\n" + Lines(n, i => "        " + entry(i)) : "    metadata:\n      labels: {app: a}\n      annotations:\n" + Lines(n, i => "        " + entry(i)));
        return new Field(name, new (string, Func<int, string>)[] { ("valid", n => Make(n, good)), ("invalid", n => Make(n, bad)) });
    }

    private static Field Selector() => new("selector matchExpressions", new (string, Func<int, string>)[]
    {
        ("matching", n => Wrap("containers: [{name: c, image: i}]\n").Replace("  selector: {matchLabels: {app: a}}\n", "  selector:\n    matchLabels: {app: a}\n    matchExpressions:\n" + Lines(n, i => $"      - {{key: app, operator: In, values: [a, x{i}]}}"))),
        ("not matching", n => Wrap("containers: [{name: c, image: i}]\n").Replace("  selector: {matchLabels: {app: a}}\n", "  selector:\n    matchLabels: {app: a}\n    matchExpressions:\n" + Lines(n, i => $"      - {{key: k{i}, operator: NotIn, values: [a]}}") + "      - {key: app, operator: In, values: [b]}\n")),
    });

    private static string Wrap(string podSpec) =>
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: budget\n  namespace: kube-system\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n"
        + "    metadata:\n      labels: {app: a}\n    spec:\n" + string.Concat(podSpec.Split('\n').Select(l => l.Length == 0 ? string.Empty : "      " + l + "\n"));

    private static string Lines(int n, Func<int, string> line)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            sb.Append(line(i)).Append('\n');
        }

        return sb.ToString();
    }

    private sealed record Field(string Name, (string Name, Func<int, string> Make)[] Variants);

    private sealed record Case(string Field, string Variant, Func<int, string> Make, string[] Texts);
}

/// <summary>The calling thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>, nanosecond resolution), or null elsewhere.</summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;
    private static bool unavailable = !OperatingSystem.IsLinux();

    public static double? Milliseconds()
    {
        if (unavailable)
        {
            return null;
        }

        try
        {
            return clock_gettime(ClockThreadCpuTimeId, out var t) == 0 ? (t.Seconds * 1e3) + (t.Nanoseconds / 1e6) : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            unavailable = true;
            return null;
        }
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int clock_gettime(int clockId, out Timespec time);

    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
