using System;
using System.Collections.Generic;

namespace DaemonLint.Parity.Generation;

/// <summary>
/// A small deterministic random source (SplitMix64). Written out rather than <see cref="Random"/> so that the mutants
/// for a seed are the same on every runtime and every machine.
/// </summary>
internal sealed class Rng
{
    private ulong state;

    /// <summary>Initializes a new instance of the <see cref="Rng"/> class.</summary>
    public Rng(ulong seed) => this.state = seed;

    /// <summary>Derives an independent stream for one purpose (a mutant, a seed) from a run seed and numbers.</summary>
    public static Rng For(ulong seed, params ulong[] salt)
    {
        var s = seed ^ 0x5DEECE66DUL;
        foreach (var x in salt)
        {
            s = Mix(s + 0x9E3779B97F4A7C15UL + x);
        }

        return new Rng(s);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong Next()
    {
        this.state += 0x9E3779B97F4A7C15UL;
        return Mix(this.state);
    }

    /// <summary>A number in [0, n).</summary>
    public int Below(int n)
    {
        if (n <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(n));
        }

        return (int)(this.Next() % (ulong)n);
    }

    /// <summary>True with probability p.</summary>
    public bool Chance(double p) => (this.Next() >> 11) * (1.0 / (1UL << 53)) < p;

    /// <summary>Picks an element.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[this.Below(items.Count)];

    /// <summary>Shuffles a list in place (Fisher-Yates).</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = this.Below(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
