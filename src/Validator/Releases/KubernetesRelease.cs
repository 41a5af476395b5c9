using System;
using System.Collections.Generic;
using System.Globalization;

namespace DaemonLint.Releases;

/// <summary>
/// A Kubernetes minor release (1.27 to 1.35): the API server whose schema, feature-gate defaults and validation options
/// DaemonLint applies. Rules never compare releases: they ask the effective feature gates (<see cref="FeatureGateSet"/>)
/// and the pod validation options (<see cref="PodValidationOptions"/>), which this release decides.
/// </summary>
public readonly struct KubernetesRelease : IEquatable<KubernetesRelease>
{
    /// <summary>The oldest minor release the tool has data for (OpenAPI v3 documents and feature-gate defaults).</summary>
    public const int OldestMinor = 27;

    /// <summary>The newest minor release the tool has data for.</summary>
    public const int NewestMinor = 35;

    private static readonly KubernetesRelease[] All = BuildAll();

    private readonly int minor;

    private KubernetesRelease(int minor) => this.minor = minor;

    /// <summary>Gets the oldest supported release (1.27).</summary>
    public static KubernetesRelease Oldest => new(OldestMinor);

    /// <summary>Gets the newest supported release (1.35).</summary>
    public static KubernetesRelease Newest => new(NewestMinor);

    /// <summary>Gets the release used when none is configured: the newest one the tool has data for.</summary>
    public static KubernetesRelease Default => Newest;

    /// <summary>Gets every supported release, oldest first.</summary>
    public static IReadOnlyList<KubernetesRelease> Supported => All;

    /// <summary>Gets the major version (always 1).</summary>
    public int Major => 1;

    /// <summary>Gets the minor version (27 for 1.27). A default-initialized value reads as <see cref="Default"/>.</summary>
    public int Minor => this.minor == 0 ? NewestMinor : this.minor;

    /// <summary>Gets the position of the release in <see cref="Supported"/> (0 for the oldest), for per-release tables.</summary>
    internal int Index => this.Minor - OldestMinor;

    /// <summary>Whether two releases are the same.</summary>
    /// <param name="left">One release.</param>
    /// <param name="right">Another.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(KubernetesRelease left, KubernetesRelease right) => left.Equals(right);

    /// <summary>Whether two releases differ.</summary>
    /// <param name="left">One release.</param>
    /// <param name="right">Another.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(KubernetesRelease left, KubernetesRelease right) => !left.Equals(right);

    /// <summary>
    /// Parses a release as users write it: <c>1.31</c>, <c>v1.31</c> or a patch version such as <c>1.31.4</c> (the patch
    /// is ignored: feature-gate defaults and the API change only between minor releases).
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="release">The release, when supported.</param>
    /// <param name="error">Why the text is not a supported release, naming the supported ones; null on success.</param>
    /// <returns>Whether the text names a supported release.</returns>
    public static bool TryParse(string? text, out KubernetesRelease release, out string? error)
    {
        release = Default;
        var t = (text ?? string.Empty).Trim();
        var shown = t;
        if (t.Length > 0 && (t[0] == 'v' || t[0] == 'V'))
        {
            t = t.Substring(1);
        }

        // A pre-release or build suffix (1.31.0-rc.1, 1.31.4+k3s1) says nothing about the minor release.
        var suffix = t.IndexOfAny(new[] { '-', '+' });
        var parts = (suffix < 0 ? t : t.Substring(0, suffix)).Split('.');
        if (parts.Length is < 2 or > 3 || !IsNumber(parts[0]) || !IsNumber(parts[1]) || (parts.Length == 3 && !IsNumber(parts[2])))
        {
            error = $"invalid Kubernetes version \"{shown}\": expected a release such as 1.32 (or v1.32, 1.32.4); {SupportedText()}";
            return false;
        }

        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)
            || major != 1 || minor < OldestMinor || minor > NewestMinor)
        {
            error = $"Kubernetes {shown} is not supported: {SupportedText()}";
            return false;
        }

        release = new KubernetesRelease(minor);
        error = null;
        return true;
    }

    /// <summary>Parses a release, or throws.</summary>
    /// <param name="text">The text (<c>1.31</c>, <c>v1.31</c>, <c>1.31.4</c>).</param>
    /// <returns>The release.</returns>
    /// <exception cref="FormatException">The text is not a supported release; the message lists the supported ones.</exception>
    public static KubernetesRelease Parse(string text) =>
        TryParse(text, out var r, out var error) ? r : throw new FormatException(error);

    /// <summary>The sentence that lists the supported releases, for configuration errors.</summary>
    /// <returns>The text.</returns>
    public static string SupportedText() => $"supported releases are 1.{OldestMinor} to 1.{NewestMinor} (default 1.{NewestMinor})";

    /// <inheritdoc />
    public bool Equals(KubernetesRelease other) => this.Minor == other.Minor;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KubernetesRelease r && this.Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => this.Minor;

    /// <summary>Gets the release as Kubernetes prints it: <c>1.32</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => "1." + this.Minor.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether this release is the given one or a later one (data tables only; rules ask gates and options).</summary>
    /// <param name="minor">The minor version.</param>
    /// <returns>True from that release on.</returns>
    internal bool IsAtLeast(int minor) => this.Minor >= minor;

    /// <summary>The release of a minor version known to be supported.</summary>
    /// <param name="minor">The minor version, 27 to 35.</param>
    /// <returns>The release.</returns>
    internal static KubernetesRelease Of(int minor) =>
        minor is >= OldestMinor and <= NewestMinor ? All[minor - OldestMinor] : throw new ArgumentOutOfRangeException(nameof(minor));

    private static bool IsNumber(string s)
    {
        if (s.Length is 0 or > 4)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static KubernetesRelease[] BuildAll()
    {
        var all = new KubernetesRelease[NewestMinor - OldestMinor + 1];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = new KubernetesRelease(OldestMinor + i);
        }

        return all;
    }
}
