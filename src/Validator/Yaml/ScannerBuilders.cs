using System;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text;

namespace DaemonLint.Yaml;

/// <summary>
/// Gives YamlDotNet's scanner its string builders from a stack of each thread instead of its one pool for the process.
/// </summary>
/// <remarks>
/// <para>
/// YamlDotNet 18's scanner rents up to four <see cref="StringBuilder"/>s for every scalar it reads, from one
/// <c>DefaultObjectPool</c> for the whole process (<c>YamlDotNet.Core.ObjectPool.StringBuilderPool.Pool</c>): a slot taken
/// with a compare-and-swap and, behind it, a <c>ConcurrentQueue</c>. Two threads reading YAML at once pass the same few
/// cache lines back and forth for every scalar: validating the 2,300 files of bench/Process on two threads took 2.4 times the
/// CPU of one thread and more wall time (perf: the pool's queue and its compare-and-swap 47% of the samples). Alone, one
/// thread still paid the pool's atomic operations (7% of the samples of a one-thread run; the parse-only process takes 4-6% less
/// CPU without them).
/// </para>
/// <para>
/// The pool takes its builders from a <c>createFunc</c> and gives them back through a <c>returnFunc</c> (its policy's
/// methods). <see cref="Install"/> replaces both: <c>createFunc</c> pops the calling thread's stack (or makes a builder as the
/// policy does), and <c>returnFunc</c> pushes the builder there, cleared, under the policy's capacity limit, and answers
/// false: the pool then neither takes it nor touches its shared slot or queue. A builder is still used by one scanner call at a
/// time, as before. Nothing else of YamlDotNet changes. If the pool is not found as described (another YamlDotNet), nothing is
/// replaced and the scanner works as it does by itself; <see cref="Install"/> says which, and a test pins it for the version
/// this repository builds with.
/// </para>
/// </remarks>
internal static class ScannerBuilders
{
    // StringBuilderPool's policy: new builders hold 16 characters; a builder grown past 1,024 is left to the collector.
    private const int InitialCapacity = 16;
    private const int MaxRetainedCapacity = 1024;

    // A plain scalar holds four builders at once (its value, leading break, trailing breaks, white space); a few more are kept
    // for the quoted and block scalars' nesting.
    private const int Kept = 8;

    // One thread-static reference, read once per call: the stack and its count live in the object it names (two thread
    // statics cost two look-ups of the thread's storage per builder, which the JIT build pays through __tls_get_addr).
    [ThreadStatic]
    private static Stack? mine;

    /// <summary>
    /// Replaces the pool's two functions, once per process (the first call; later calls return what it did).
    /// </summary>
    /// <returns>Whether the scanner's pool takes its builders from here.</returns>
    internal static bool Install() => Once.Installed;

    [DynamicDependency("Pool", "YamlDotNet.Core.ObjectPool.StringBuilderPool", "YamlDotNet")]
    [DynamicDependency("createFunc", "YamlDotNet.Core.ObjectPool.DefaultObjectPool`1", "YamlDotNet")]
    [DynamicDependency("returnFunc", "YamlDotNet.Core.ObjectPool.DefaultObjectPool`1", "YamlDotNet")]
    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The DynamicDependency attributes keep the class and its field; a type not found leaves the pool as it is.")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The DynamicDependency attributes keep the fields read; a field not found leaves the pool as it is.")]
    private static bool TryInstall()
    {
        try
        {
            // From the assembly the reader was compiled against (a host may load it outside the default load context).
            var pool = typeof(YamlDotNet.Core.Parser).Assembly.GetType("YamlDotNet.Core.ObjectPool.StringBuilderPool", throwOnError: false)
                ?.GetField("Pool", BindingFlags.NonPublic | BindingFlags.Static)?.GetValue(null);
            var poolType = pool?.GetType();
            var create = poolType?.GetField("createFunc", BindingFlags.NonPublic | BindingFlags.Instance);
            var giveBack = poolType?.GetField("returnFunc", BindingFlags.NonPublic | BindingFlags.Instance);
            if (pool is null || create?.FieldType != typeof(Func<StringBuilder>) || giveBack?.FieldType != typeof(Func<StringBuilder, bool>))
            {
                return false;
            }

            // returnFunc first: a builder made by the old createFunc meanwhile is then kept here, not in the shared pool.
            // Delegates bound to an instance: a delegate of a static method is called through a thunk that shifts its arguments.
            giveBack.SetValue(pool, new Func<StringBuilder, bool>(Functions.Instance.Return));
            create.SetValue(pool, new Func<StringBuilder>(Functions.Instance.Rent));
            return true;
        }
        catch (Exception ex) when (ex is MemberAccessException or ArgumentException or TargetException or NotSupportedException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Gets how many builders this thread's stack holds.</summary>
    internal static int KeptOnThisThread => mine?.Count ?? 0;

    /// <summary>A builder from this thread's stack, or a new one.</summary>
    /// <returns>An empty builder.</returns>
    internal static StringBuilder Rent()
    {
        var s = mine;
        if (s is not null && s.Count > 0)
        {
            var items = s.Items;
            var b = items[--s.Count]!;
            items[s.Count] = null;
            return b;
        }

        return new StringBuilder(InitialCapacity);
    }

    /// <summary>Keeps a builder on this thread's stack (cleared), unless it grew too large or the stack is full.</summary>
    /// <param name="builder">The builder, no longer used by its renter.</param>
    /// <returns>False: the shared pool must not keep it.</returns>
    internal static bool Return(StringBuilder builder)
    {
        if (builder.Capacity <= MaxRetainedCapacity)
        {
            var s = mine ??= new Stack();
            if (s.Count < Kept)
            {
                builder.Clear();
                s.Items[s.Count++] = builder;
            }
        }

        return false;
    }

    // A thread's builders.
    private sealed class Stack
    {
        public readonly StringBuilder?[] Items = new StringBuilder?[Kept];
        public int Count;
    }

    // What the pool calls, as instance methods (see TryInstall).
    private sealed class Functions
    {
        public static readonly Functions Instance = new();

        public StringBuilder Rent() => ScannerBuilders.Rent();

        public bool Return(StringBuilder builder) => ScannerBuilders.Return(builder);
    }

    // The runtime runs a static initializer once, whichever thread asks first.
    private static class Once
    {
        internal static readonly bool Installed = TryInstall();
    }
}
