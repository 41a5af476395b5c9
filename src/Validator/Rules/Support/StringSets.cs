using System;
using System.Collections.Generic;

namespace DaemonLint.Rules.Support;

/// <summary>
/// Ordinal string sets for the uniqueness checks that rules make on every object (container names, port names, env names,
/// host ports, mount paths), reused per thread: a set per check and container was a tenth of what the rules allocated.
/// A rented set is returned, cleared, when the check is done; it never outlives the rule's <c>Check</c>.
/// </summary>
internal static class StringSets
{
    // A set that grew past this many names is left to the collector: clearing it again and again costs its capacity.
    private const int KeptCapacity = 256;

    [ThreadStatic]
    private static Stack<HashSet<string>>? pool;

    /// <summary>Gets an empty set.</summary>
    /// <returns>The set.</returns>
    public static HashSet<string> Rent() =>
        pool is { Count: > 0 } p ? p.Pop() : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Gives a set back (null is ignored): it is cleared and handed out again.</summary>
    /// <param name="set">The set.</param>
    public static void Return(HashSet<string>? set)
    {
        if (set is null || set.Count > KeptCapacity)
        {
            return;
        }

        set.Clear();
        (pool ??= new Stack<HashSet<string>>()).Push(set);
    }
}
