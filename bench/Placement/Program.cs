using System;
using System.Diagnostics;
using BenchmarkDotNet.Running;
using DaemonLint.Bench.Placement;

if (args.Length > 0 && args[0] == "--scale")
{
    Scale.Run(args);
    return;
}

if (args.Length > 0 && args[0] == "--check")
{
    // Without BenchmarkDotNet: CPU time of this process (a fair "one core" figure on a shared, overloaded machine) and wall time.
    var b = new PlacementBenchmarks { Nodes = 5000, DaemonSets = 100 };
    b.Setup();
    Measure("CompileAndEvaluate", () => b.CompileAndEvaluate());
    Measure("EvaluatePrecompiled", () => b.EvaluatePrecompiled());
    Measure("CompileAndEvaluateAll", () => b.CompileAndEvaluateAllNodeMajor());
    Measure("CountDesired", () => b.CountDesired());
    if (args.Length > 1 && args[1] == "--shapes")
    {
        for (var i = 0; i < 10; i++)
        {
            var shape = i;
            Measure("shape " + shape + " x10", () => b.CountShape(shape));
        }
    }

    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PlacementBenchmarks).Assembly).Run(args);

static void Measure(string name, Func<int> run)
{
    run();
    var cpu = new double[15];
    var wall = new double[15];
    var total = 0;
    var process = Process.GetCurrentProcess();
    for (var i = 0; i < cpu.Length; i++)
    {
        process.Refresh();
        var c0 = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        total = run();
        wall[i] = sw.Elapsed.TotalMilliseconds;
        process.Refresh();
        cpu[i] = (process.TotalProcessorTime - c0).TotalMilliseconds;
    }

    Array.Sort(cpu);
    Array.Sort(wall);
    Console.WriteLine($"{name,-20} median CPU {cpu[cpu.Length / 2],7:F1} ms  median wall {wall[wall.Length / 2],7:F1} ms  (desired total {total})");
}
