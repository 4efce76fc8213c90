using System.Text.RegularExpressions;
using Kairos.Stages.Cli.Terminal;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Stages.Tests.Progress;

/// <summary>Progress on a stderr that is not a terminal (a docker build log, CI): plain lines, heartbeats at most every 10 s, on a fake clock.</summary>
public sealed partial class PipedProgressTests
{
    [Fact]
    public async Task A_step_running_35_s_gets_a_heartbeat_at_10_20_and_30_s_and_a_2_s_step_gets_none()
    {
        // arrange
        var log = new StringWriter();
        var time = new FakeTimeProvider();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(log), time, slowSeconds: 35);

        // assert
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var beats = lines.Where(l => l.Contains('…')).ToList();
        Assert.Equal(3, beats.Count);
        Assert.All(beats, b => Assert.Matches(Heartbeat(), b));
        Assert.Equal(["10", "20", "30"], beats.Select(b => Heartbeat().Match(b).Groups["seconds"].Value));
        Assert.DoesNotContain(beats, b => b.Contains("quick", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[install] ok   slow", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("[install] ok   quick", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Piped_output_has_no_control_characters_even_when_the_tool_prints_colour_and_carriage_returns()
    {
        // arrange
        var log = new StringWriter();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(log), new FakeTimeProvider(), slowSeconds: 25, total: 0);

        // assert
        var text = log.ToString();
        Assert.DoesNotContain(text, c => char.IsControl(c) && c != '\n');
        Assert.Contains("[install] …    slow: 20 s (working on part 19)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeats_during_a_quiet_stretch_still_come_every_10_s_with_the_last_count()
    {
        // arrange: counts for 4 s, then 40 s of silence
        var log = new StringWriter();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(log), new FakeTimeProvider(), slowSeconds: 44, total: 83, countingSeconds: 4);

        // assert
        var beats = log.ToString().Split('\n').Where(l => l.Contains('…')).ToList();
        Assert.Equal(["10", "20", "30", "40"], beats.Select(b => Heartbeat().Match(b).Groups["seconds"].Value));
        Assert.All(beats, b => Assert.Contains("83/83 packages set up", b, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quiet_shows_finished_steps_and_the_summary_only()
    {
        // arrange
        var log = new StringWriter();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(log, TerminalStyle.Plain with { Quiet = true }), new FakeTimeProvider(), slowSeconds: 35);

        // assert
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("[install] ok   slow", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("[install] ok   quick", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("kairos-stages: succeeded", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("always", true)]
    [InlineData("never", false)]
    [InlineData("auto", false)]
    public void Colour_is_on_when_forced_and_off_on_a_writer_that_is_not_a_terminal(string color, bool expected)
    {
        var style = TerminalStyle.For(new StringWriter(), color, quiet: false);

        Assert.Equal(expected, style.Color);
        Assert.False(style.Live);
    }

    [GeneratedRegex(@"^\[install\] …    slow: \d+/83 packages set up, (?<seconds>\d+) s$")]
    private static partial Regex Heartbeat();
}
