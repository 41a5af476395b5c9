using System;

namespace DaemonLint.Releases;

/// <summary>
/// Which feature gates and pod validation options a rule reads, for the test that keeps the catalog's gate metadata
/// (<see cref="Catalog.RuleDescriptor.Gates"/>) honest. Off unless a test observes this thread: then each
/// <see cref="FeatureGateSet.Enabled"/> and each <see cref="PodValidationOptions"/> property read by a running rule is
/// reported with the rule's id. Costs one thread-static null test per read otherwise.
/// </summary>
internal static class GateReads
{
    [ThreadStatic]
    private static Action<string, string>? observer;

    [ThreadStatic]
    private static string? rule;

    [ThreadStatic]
    private static int suspended;

    /// <summary>Gets a value indicating whether reads are observed on this thread.</summary>
    internal static bool Observing => observer is not null;

    /// <summary>Observes the reads of this thread (rule id, gate or option name) until the result is disposed.</summary>
    /// <param name="onRead">Called for each read.</param>
    /// <returns>Stops observing.</returns>
    internal static IDisposable Observe(Action<string, string> onRead)
    {
        observer = onRead;
        return new Stop();
    }

    /// <summary>Sets the rule whose reads follow (the engine, before each rule runs; null while no rule runs).</summary>
    /// <param name="id">The rule id, or null.</param>
    internal static void Running(string? id) => rule = id;

    /// <summary>Notes a read of an option or gate and returns its value.</summary>
    /// <param name="name">The option or gate name.</param>
    /// <param name="value">The value.</param>
    /// <returns><paramref name="value"/>.</returns>
    internal static bool Note(string name, bool value)
    {
        if (observer is { } o && suspended == 0 && rule is { } r)
        {
            o(r, name);
        }

        return value;
    }

    /// <summary>Notes a gate read.</summary>
    /// <param name="gate">The gate.</param>
    /// <param name="value">Its value.</param>
    /// <returns><paramref name="value"/>.</returns>
    internal static bool Note(FeatureGate gate, bool value) => observer is null ? value : Note(gate.ToString(), value);

    /// <summary>Computes something from gates and options (the options themselves) without noting the reads.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="compute">The computation.</param>
    /// <returns>Its result.</returns>
    internal static T Unobserved<T>(Func<T> compute)
    {
        suspended++;
        try
        {
            return compute();
        }
        finally
        {
            suspended--;
        }
    }

    private sealed class Stop : IDisposable
    {
        public void Dispose()
        {
            observer = null;
            rule = null;
        }
    }
}
