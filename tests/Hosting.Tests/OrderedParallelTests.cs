using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;

namespace DaemonLint.Hosting.Tests;

/// <summary>The ordered parallel map both hosts validate files with.</summary>
public sealed class OrderedParallelTests
{
    [Fact]
    public void Results_AreInInputOrder_WhateverOrderTheyFinishIn()
    {
        var items = Enumerable.Range(0, 200).ToArray();

        // Early items take longest, so they finish last.
        var results = OrderedParallel.Map(items, 4, i =>
        {
            Thread.Sleep(i < 8 ? 30 : 0);
            return i * 10;
        });

        Assert.Equal(items.Select(i => i * 10), results);
    }

    [Fact]
    public void SeveralJobs_RunAtTheSameTime_OnNoMoreThreadsThanJobs()
    {
        var threads = new ConcurrentDictionary<int, bool>();
        var running = 0;
        var peak = 0;
        using var bothIn = new CountdownEvent(2);

        OrderedParallel.Map(Enumerable.Range(0, 40).ToArray(), 3, i =>
        {
            threads[Environment.CurrentManagedThreadId] = true;
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            if (i < 2)
            {
                // The first two items wait for each other: this only returns if they run at once.
                bothIn.Signal();
                Assert.True(bothIn.Wait(TimeSpan.FromSeconds(30)), "two items never ran at the same time");
            }

            Thread.Sleep(1);
            Interlocked.Decrement(ref running);
            return i;
        });

        Assert.InRange(peak, 2, 3);
        Assert.InRange(threads.Count, 2, 3);
    }

    [Fact]
    public void OneJob_RunsOnTheCallingThread_InOrder()
    {
        var caller = Environment.CurrentManagedThreadId;
        var seen = new System.Collections.Generic.List<int>();

        OrderedParallel.Map(Enumerable.Range(0, 20).ToArray(), 1, i =>
        {
            Assert.Equal(caller, Environment.CurrentManagedThreadId);
            seen.Add(i);
            return i;
        });

        Assert.Equal(Enumerable.Range(0, 20), seen);
    }

    [Fact]
    public void Failures_RethrowTheFirstInInputOrder_NotAnAggregate_AfterEveryItemRan()
    {
        var ran = 0;

        var ex = Assert.Throws<InvalidOperationException>(() => OrderedParallel.Map(Enumerable.Range(0, 50).ToArray(), 4, i =>
        {
            Interlocked.Increment(ref ran);

            // Item 30 fails at once; item 7 fails later, but comes first in input order.
            if (i == 7)
            {
                Thread.Sleep(50);
                throw new InvalidOperationException("item 7");
            }

            return i == 30 ? throw new InvalidOperationException("item 30") : i;
        }));

        Assert.Equal("item 7", ex.Message);
        Assert.Equal(50, ran);
    }

    [Fact]
    public void NoItems_NoResults()
    {
        Assert.Empty(OrderedParallel.Map(Array.Empty<int>(), 8, i => i));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
