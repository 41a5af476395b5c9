using System;

namespace DaemonLint.Engine;

/// <summary>Near-miss detection for kinds (<c>Daemonset</c>, <c>daemonsets</c>, <c>DeamonSet</c>).</summary>
public static class KindNames
{
    /// <summary>Whether <paramref name="kind"/> is not <paramref name="expected"/> but is what a person meant by it.</summary>
    /// <param name="kind">The kind as written.</param>
    /// <param name="expected">The real kind.</param>
    /// <returns>True for a case difference, a plural, or at most two edits on a long enough name.</returns>
    public static bool IsNearMiss(string kind, string expected)
    {
        if (string.Equals(kind, expected, StringComparison.Ordinal))
        {
            return false;
        }

        var k = kind.Replace(" ", string.Empty).Replace("-", string.Empty).Replace("_", string.Empty);
        if (k.EndsWith("s", StringComparison.OrdinalIgnoreCase) && !expected.EndsWith("s", StringComparison.Ordinal))
        {
            k = k.Substring(0, k.Length - 1);
        }

        // Neither test below can hold when the lengths differ by more than two (an edit distance is at least that
        // difference): most kinds (ServiceAccount, ClusterRoleBinding, ...) end here, before any lower-casing.
        if (Math.Abs(k.Length - expected.Length) > 2)
        {
            return false;
        }

        if (string.Equals(k, expected, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return expected.Length >= 7 && Distance(k.ToLowerInvariant(), expected.ToLowerInvariant()) <= 2;
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 2)
        {
            return 3;
        }

        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            prev[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }

            (prev, cur) = (cur, prev);
        }

        return prev[b.Length];
    }
}
