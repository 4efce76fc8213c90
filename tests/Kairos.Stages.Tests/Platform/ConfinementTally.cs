using System.Diagnostics;
using Kairos.Stages.Tests.Platform;
using Kairos.Stages.Tests.Support;

[assembly: AssemblyFixture(typeof(ConfinementTally))]

namespace Kairos.Stages.Tests.Platform;

/// <summary>
/// Counts the confinement attack cases (each one checks the sentinel directory beside the root is
/// untouched) and reports the figure once, when the test assembly finishes.
/// </summary>
public sealed class ConfinementTally : IDisposable
{
    private static int _tried;
    private static int _passed;
    private static long _ticks;

    /// <summary>A case starts; returns its clock.</summary>
    public static Stopwatch Tried()
    {
        Interlocked.Increment(ref _tried);
        return Stopwatch.StartNew();
    }

    /// <summary>A case passed: the sentinel is untouched.</summary>
    public static void Passed(Stopwatch clock)
    {
        Interlocked.Increment(ref _passed);
        Interlocked.Add(ref _ticks, clock.Elapsed.Ticks);
    }

    public void Dispose()
    {
        if (_tried > 0)
        {
            Figures.Report("confinement", _tried, _passed, TimeSpan.FromTicks(_ticks), $"{_tried - _passed} cases changed or failed to check the sentinel directory outside the root");
        }
    }
}
