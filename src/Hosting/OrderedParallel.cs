using System;
using System.Collections.Generic;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace DaemonLint.Hosting;

/// <summary>
/// Runs independent pieces of work (one per input file) on several threads and hands back their results in input order,
/// so a host emits exactly what the sequential run emits, whatever the scheduling.
/// </summary>
public static class OrderedParallel
{
    /// <summary>Gets the default number of jobs: the processor count.</summary>
    public static int DefaultJobs => Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Applies <paramref name="work"/> to every item with at most <paramref name="jobs"/> threads (the calling one among them) and
    /// returns the results in the items' order. With one job, or one item, it is a plain loop on the calling thread.
    /// </summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="jobs">The largest number of threads (values below 1 count as 1).</param>
    /// <param name="work">The work; it must only touch state that is safe to share.</param>
    /// <returns>The results, index for index.</returns>
    /// <remarks>
    /// When work throws, the exception of the first item (in input order) that threw is rethrown once every item has run, as it
    /// would surface from the sequential loop (never an <see cref="AggregateException"/>).
    /// </remarks>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, int jobs, Func<TItem, TResult> work)
    {
        var results = new TResult[items.Count];
        if (jobs <= 1 || items.Count <= 1)
        {
            for (var i = 0; i < items.Count; i++)
            {
                results[i] = work(items[i]);
            }

            return results;
        }

        var failures = new ExceptionDispatchInfo?[items.Count];
        var next = -1;
        void Drain()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < items.Count)
            {
                try
                {
                    results[i] = work(items[i]);
                }
                catch (Exception ex)
                {
                    failures[i] = ExceptionDispatchInfo.Capture(ex);
                }
            }
        }

        // Items are taken one at a time from a shared counter: files differ a lot in size, so a static split would leave a
        // thread idle while another works through a large file.
        var helpers = new Task[Math.Min(jobs, items.Count) - 1];
        for (var h = 0; h < helpers.Length; h++)
        {
            helpers[h] = Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }

        Drain();
        Task.WaitAll(helpers);
        foreach (var failure in failures)
        {
            failure?.Throw();
        }

        return results;
    }
}
