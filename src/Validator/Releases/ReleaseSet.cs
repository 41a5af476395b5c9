using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace DaemonLint.Releases;

/// <summary>
/// A set of supported releases, such as the releases whose API has a field. Written as ranges:
/// <c>1.27-1.28,1.30</c>; <see cref="All"/> is every supported release.
/// </summary>
public readonly struct ReleaseSet : IEquatable<ReleaseSet>
{
    private readonly uint bits;

    private ReleaseSet(uint bits) => this.bits = bits;

    /// <summary>Gets every supported release.</summary>
    public static ReleaseSet All => new((1u << (KubernetesRelease.NewestMinor - KubernetesRelease.OldestMinor + 1)) - 1);

    /// <summary>Gets the empty set.</summary>
    public static ReleaseSet None => default;

    /// <summary>Gets a value indicating whether the set is empty.</summary>
    public bool IsEmpty => this.bits == 0;

    /// <summary>Gets the oldest release in the set, or null when empty.</summary>
    public KubernetesRelease? First
    {
        get
        {
            foreach (var r in KubernetesRelease.Supported)
            {
                if (this.Contains(r))
                {
                    return r;
                }
            }

            return null;
        }
    }

    /// <summary>Gets the newest release in the set, or null when empty.</summary>
    public KubernetesRelease? Last
    {
        get
        {
            KubernetesRelease? last = null;
            foreach (var r in KubernetesRelease.Supported)
            {
                if (this.Contains(r))
                {
                    last = r;
                }
            }

            return last;
        }
    }

    /// <summary>The set of one release.</summary>
    /// <param name="release">The release.</param>
    /// <returns>The set.</returns>
    public static ReleaseSet Of(KubernetesRelease release) => new(1u << release.Index);

    /// <summary>Parses ranges such as <c>1.27-1.28,1.30</c> (as tools/SchemaGen writes them).</summary>
    /// <param name="text">The text.</param>
    /// <param name="set">The set.</param>
    /// <returns>Whether every range names supported releases.</returns>
    public static bool TryParse(string? text, out ReleaseSet set)
    {
        set = None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        uint bits = 0;
        foreach (var part in text!.Split(','))
        {
            var dash = part.IndexOf('-');
            var from = (dash < 0 ? part : part.Substring(0, dash)).Trim();
            var to = (dash < 0 ? part : part.Substring(dash + 1)).Trim();
            if (!KubernetesRelease.TryParse(from, out var a, out _) || !KubernetesRelease.TryParse(to, out var b, out _) || b.Minor < a.Minor)
            {
                return false;
            }

            for (var m = a.Minor; m <= b.Minor; m++)
            {
                bits |= 1u << (m - KubernetesRelease.OldestMinor);
            }
        }

        set = new ReleaseSet(bits);
        return true;
    }

    /// <summary>Whether the set holds a release.</summary>
    /// <param name="release">The release.</param>
    /// <returns>True when it does.</returns>
    public bool Contains(KubernetesRelease release) => (this.bits & (1u << release.Index)) != 0;

    /// <summary>
    /// Says where a thing of these releases is, seen from a release that lacks it: <c>it was added in 1.33</c>,
    /// <c>it was removed in 1.31</c>, or <c>it exists in 1.27-1.28, 1.30</c>.
    /// </summary>
    /// <param name="from">The release that lacks it.</param>
    /// <returns>The clause.</returns>
    public string Describe(KubernetesRelease from)
    {
        bool before = false, after = false;
        foreach (var r in KubernetesRelease.Supported)
        {
            if (this.Contains(r))
            {
                before |= r.Minor < from.Minor;
                after |= r.Minor > from.Minor;
            }
        }

        if (after && !before)
        {
            return $"it was added in {this.First}";
        }

        if (before && !after)
        {
            return $"it was removed in 1.{(this.Last!.Value.Minor + 1).ToString(CultureInfo.InvariantCulture)}";
        }

        return $"it exists in {this.ToString().Replace(",", ", ")}";
    }

    /// <inheritdoc />
    public bool Equals(ReleaseSet other) => this.bits == other.bits;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReleaseSet s && this.Equals(s);

    /// <inheritdoc />
    public override int GetHashCode() => (int)this.bits;

    /// <summary>Gets the ranges: <c>1.27-1.28,1.30</c> (empty for the empty set).</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var all = new List<KubernetesRelease>(KubernetesRelease.Supported);
        for (var i = 0; i < all.Count; i++)
        {
            if (!this.Contains(all[i]))
            {
                continue;
            }

            var j = i;
            while (j + 1 < all.Count && this.Contains(all[j + 1]))
            {
                j++;
            }

            sb.Append(sb.Length > 0 ? "," : string.Empty).Append(all[i]);
            if (j > i)
            {
                sb.Append('-').Append(all[j]);
            }

            i = j;
        }

        return sb.ToString();
    }
}
