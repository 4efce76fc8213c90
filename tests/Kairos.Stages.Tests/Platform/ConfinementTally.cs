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
    private static readonly Stopwatch Clock = new();
    private static int _tried;
    private static int _passed;

    public static void Tried()
    {
        lock (Clock)
        {
            Clock.Start();
        }

        Interlocked.Increment(ref _tried);
    }

    public static void Passed() => Interlocked.Increment(ref _passed);

    public void Dispose()
    {
        if (_tried > 0)
        {
            Figures.Report("confinement", _tried, _passed, Clock.Elapsed, $"{_tried - _passed} cases changed or failed to check the sentinel directory outside the root");
        }
    }
}
