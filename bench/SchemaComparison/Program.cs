using System;
using BenchmarkDotNet.Running;

namespace DaemonLint.Bench.SchemaComparison;

/// <summary>Runs the walker-vs-NJsonSchema benchmark; <c>--check</c> only prints the correctness cross-check.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--check")
        {
            var b = new SchemaValidationBenchmarks();
            b.Setup();
            Console.WriteLine(b.Describe());
            return 0;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
