using System;
using System.Collections.Generic;

namespace DaemonLint.Releases;

/// <summary>One group/version of a kind that an API server stopped serving, or never served.</summary>
/// <param name="ApiVersion">The apiVersion (<c>extensions/v1beta1</c>).</param>
/// <param name="Kind">The kind (<c>DaemonSet</c>).</param>
/// <param name="RemovedIn">The first minor release that no longer serves it; null when no release ever served it.</param>
/// <param name="Replacement">The apiVersion to use instead.</param>
public sealed record RemovedApiVersion(string ApiVersion, string Kind, int? RemovedIn, string Replacement)
{
    /// <summary>Gets the API server's answer: <c>no matches for kind "DaemonSet" in version "apps/v1beta2"</c>.</summary>
    public string ServerMessage => $"no matches for kind \"{this.Kind}\" in version \"{this.ApiVersion}\"";

    /// <summary>Gets when it went away: <c>removed in Kubernetes 1.16</c>, or that it never served the kind.</summary>
    public string When => this.RemovedIn is { } m
        ? $"removed in Kubernetes 1.{m}"
        : $"{this.ApiVersion} never served {this.Kind}s";
}

/// <summary>
/// Which group/versions serve the kinds DaemonLint reads, per release: one table for every rule and host that asks
/// whether a release still serves an apiVersion (DS6001 today keeps its own list; it moves here in phase 2 of issue 12).
/// Every supported release (1.27 and later) serves DaemonSets only as <c>apps/v1</c>.
/// </summary>
public static class ServedApiVersions
{
    private static readonly RemovedApiVersion[] Table =
    {
        // kubernetes/kubernetes CHANGELOG-1.16: extensions/v1beta1 and apps/v1beta2 DaemonSets are no longer served.
        new("extensions/v1beta1", "DaemonSet", 16, "apps/v1"),
        new("apps/v1beta2", "DaemonSet", 16, "apps/v1"),

        // apps/v1beta1 (removed in 1.16 too) served Deployments and StatefulSets, never DaemonSets.
        new("apps/v1beta1", "DaemonSet", null, "apps/v1"),
    };

    /// <summary>Gets every removed (or never served) group/version of the kinds DaemonLint reads.</summary>
    public static IReadOnlyList<RemovedApiVersion> Removed => Table;

    /// <summary>Finds why a release does not serve an apiVersion of a kind.</summary>
    /// <param name="apiVersion">The apiVersion.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="release">The release.</param>
    /// <returns>The removal, or null when the release serves it (or the table does not know it).</returns>
    public static RemovedApiVersion? RemovalIn(string? apiVersion, string? kind, KubernetesRelease release)
    {
        foreach (var r in Table)
        {
            if (string.Equals(r.ApiVersion, apiVersion, StringComparison.Ordinal) && string.Equals(r.Kind, kind, StringComparison.Ordinal)
                && (r.RemovedIn is null || release.Minor >= r.RemovedIn))
            {
                return r;
            }
        }

        return null;
    }
}
