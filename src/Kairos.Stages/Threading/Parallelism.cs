using System.Runtime.ExceptionServices;

namespace Kairos.Stages.Threading;

/// <summary>Independent per-file work (rendering, parsing, schema checks) spread over the machine's cores.</summary>
/// <remarks>
/// Callers write each result into its own slot and read them back in input order, so output never depends on
/// which thread finished first. <c>DOTNET_PROCESSOR_COUNT=1</c> (read by .NET itself) makes every loop sequential;
/// the benchmarks use it to show the single-core figures.
/// The helpers are plain threads, not the thread pool's: in a process that lives for twenty milliseconds the pool
/// was measured handing out its first worker 2–4 ms after the work was queued, longer than the work itself.
/// Issue 14 (bench/run.py --baseline with Parallel.For/Task.Run in their place, load 15–20): plan-0 50 vs 61 ms
/// median wall (0.82) in one run of 15, 110 vs 77 ms (1.42) in the next run of 25, CPU within 6 %: not shown
/// either way on a loaded machine; to be re-measured on a quiet one.
/// </remarks>
public static class Parallelism
{
    /// <summary>The helpers' stack: the main thread's usual 8 MiB, so deeply nested input fails the same way on any thread.</summary>
    private const int StackSize = 8 * 1024 * 1024;

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
        var threads = Math.Min(MaxThreads, count);
        if (threads < 2)
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }

            return;
        }

        var order = Order(count, size);
        var next = -1;
        ExceptionDispatchInfo? failure = null;
        void Work()
        {
            int taken;
            while ((taken = Interlocked.Increment(ref next)) < count)
            {
                try
                {
                    body(order[taken]);
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    Volatile.Write(ref next, count); // the others stop after their current item
                }
            }
        }

        var helpers = new Thread[threads - 1];
        for (var t = 0; t < helpers.Length; t++)
        {
            helpers[t] = new Thread(Work, StackSize) { IsBackground = true, Name = "kairos-stages worker" };
            helpers[t].Start();
        }

        Work();
        foreach (var helper in helpers)
        {
            helper.Join();
        }

        failure?.Throw();
    }

    /// <summary>Starts <paramref name="work"/> on a background thread of its own, now (not when a pool thread is free).</summary>
    public static void StartBackground(string name, Action work) =>
        new Thread(() => work(), StackSize) { IsBackground = true, Name = name }.Start();

    /// <summary>The order items are handed out in: largest first (ties keep input order), or input order without sizes.</summary>
    internal static int[] Order(int count, Func<int, long>? size)
    {
        var order = Enumerable.Range(0, count).ToArray();
        return size is null ? order : [.. order.OrderByDescending(size)];
    }
}
