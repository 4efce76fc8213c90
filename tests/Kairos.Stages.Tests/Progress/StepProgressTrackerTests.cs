using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Engine.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Stages.Tests.Progress;

public sealed class StepProgressTrackerTests
{
    private sealed class Collect : IRunObserver
    {
        public List<StepProgress> Seen { get; } = [];

        public void RunStarted(Plan plan)
        {
        }

        public void StepStarted(PlanEntry entry)
        {
        }

        public void StepProgressed(StepProgress progress) => Seen.Add(progress);

        public void StepFinished(StepResult result)
        {
        }

        public void RunFinished(RunResult result)
        {
        }
    }

    private static PlanEntry Entry() => ProgressFixtures.TwoSteps().Entries.First();

    [Fact]
    public void Ticks_every_second_while_the_step_runs_and_never_after_it_completes()
    {
        // arrange
        var time = new FakeTimeProvider();
        var seen = new Collect();
        using var tracker = new StepProgressTracker(Entry(), seen, time);

        // act (one second at a time: the fake clock fires a timer at the time it is moved to)
        for (var second = 0; second < 3; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }

        tracker.Complete();
        time.Advance(TimeSpan.FromSeconds(5));

        // assert
        Assert.Equal([1, 2, 3], seen.Seen.Select(p => p.Elapsed.TotalSeconds));
        Assert.All(seen.Seen, p => Assert.Null(p.Work));
    }

    [Fact]
    public void Changes_inside_the_minimum_interval_are_held_back_and_the_last_is_passed_on_at_completion()
    {
        // arrange
        var time = new FakeTimeProvider();
        var seen = new Collect();
        using var tracker = new StepProgressTracker(Entry(), seen, time);

        // act: three counts at one instant, one more 300 ms later, then two quick ones before the end
        tracker.Work(new WorkProgress("set up", 1, 3, "packages"));
        tracker.Work(new WorkProgress("set up", 2, 3, "packages"));
        time.Advance(TimeSpan.FromMilliseconds(300));
        tracker.Output("last words");
        time.Advance(TimeSpan.FromMilliseconds(100));
        tracker.Work(new WorkProgress("set up", 3, 3, "packages"));
        tracker.Complete();

        // assert
        Assert.Equal([1L, 2L, 3L], seen.Seen.Select(p => p.Work!.Done));
        Assert.Equal([null, "last words", "last words"], seen.Seen.Select(p => p.Line));
    }

    [Theory]
    [InlineData("\u001b[1;32mdracut: *** Including module: base ***\u001b[0m", "dracut: *** Including module: base ***")]
    [InlineData("Reading database ... 10%\rReading database ... 100%", "Reading database ... 100%")]
    [InlineData("tab\there\u0007", "tabhere")]
    [InlineData("   \u001b[2K  ", "")]
    public void Printable_keeps_the_visible_text_of_a_line(string line, string expected) =>
        Assert.Equal(expected, StepProgressTracker.Printable(line));
}
