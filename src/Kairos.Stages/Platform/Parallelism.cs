using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Kairos.Stages.Platform;

/// <summary>Independent per-file work (rendering, parsing, schema checks) spread over the machine's cores.</summary>
/// <remarks>
/// Callers write each result into its own slot and read them back in input order, so output never depends on
/// which thread finished first. <c>DOTNET_PROCESSOR_COUNT=1</c> (read by .NET itself) makes every loop sequential;
/// the benchmarks use it to show the single-core figures.
/// </remarks>
public static class Parallelism
{
    /// <summary>Tests set this to compare a sequential run with a parallel one in one process; null: the core count.</summary>
    internal static int? MaxThreadsOverride { get; set; }

    private static int MaxThreads => MaxThreadsOverride ?? Environment.ProcessorCount;

    /// <summary>Runs <paramref name="body"/> for 0 … count-1; an exception from it is rethrown as it was thrown (not wrapped).</summary>
    /// <param name="count">How many items.</param>
    /// <param name="body">The work for one item; it writes its result into its own slot.</param>
    /// <param name="size">Each item's expected cost (e.g. its text length): the largest start first, so one big file
    /// does not run alone at the end while the other cores idle.</param>
    public static void For(int count, Action<int> body, Func<int, long>? size = null)
    {
        if (count < 2 || MaxThreads < 2)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        var order = Order(count, size);
        try
        {
            // No buffering: each thread takes the next item when it is free (the default chunks items ahead).
            Parallel.ForEach(
                Partitioner.Create(order, EnumerablePartitionerOptions.NoBuffering),
                new ParallelOptions { MaxDegreeOfParallelism = MaxThreads },
                body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>The order items are handed out in: largest first (ties keep input order), or input order without sizes.</summary>
    internal static int[] Order(int count, Func<int, long>? size)
    {
        var order = Enumerable.Range(0, count).ToArray();
        return size is null ? order : [.. order.OrderByDescending(size)];
    }
}
