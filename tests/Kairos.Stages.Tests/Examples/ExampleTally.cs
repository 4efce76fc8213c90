using System.Diagnostics;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Counts the example calls tried and passed across the suite and reports the figure when the suite ends.</summary>
public sealed class ExampleTally : IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int tried;
    private int passed;

    public void Count(bool ok)
    {
        Interlocked.Increment(ref tried);
        if (ok)
        {
            Interlocked.Increment(ref passed);
        }
    }

    public void Dispose()
    {
        if (tried > 0)
        {
            Figures.Report("examples", tried, passed, clock.Elapsed, "Dockerfile calls of kairos-stages run against sample roots");
        }
    }
}
