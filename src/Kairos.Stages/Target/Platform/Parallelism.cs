using System.Runtime.ExceptionServices;

namespace Kairos.Stages.Target.Platform;

/// <summary>Independent per-file work (rendering, parsing, schema checks) spread over the machine's cores.</summary>
/// <remarks>
/// Callers write each result into its own slot and read them back in input order, so output never depends on
/// which thread finished first. <c>DOTNET_PROCESSOR_COUNT=1</c> (read by .NET itself) makes every loop sequential;
/// the benchmarks use it to show the single-core figures.
/// The helpers are plain threads with an 8 MiB stack, not the thread pool's.
/// Issue 14, measured again on a quieter machine (load 3–4; `bench/run.py --runs 25 --baseline` against a binary with
/// Parallel.ForEach and Task.Run in their place): plan-0 27.5 vs 27.3 ms (1.01), plan-1000 0.91, start 0.92 — under the
/// 10 % bar, so the plain threads are not kept for speed. They stay for their stack: pool threads get the runtime's
/// default stack, so input nested deeply enough to parse on the main thread could overflow (and kill the process) on one.
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
