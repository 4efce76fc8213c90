using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Progress;
using Microsoft.Extensions.Time.Testing;

namespace Kairos.Stages.Tests.Progress;

/// <summary>Progress on a terminal, written to a buffer: one status line redrawn in place, cleared before anything else is written.</summary>
public sealed class LiveProgressTests
{
    private const string Erase = "\r\u001b[2K";

    private static TerminalStyle Terminal(int width = 100, bool color = false) => new(Live: true, Color: color, Quiet: false, Width: width);

    [Fact]
    public async Task The_status_line_is_redrawn_in_place_and_the_output_ends_clean()
    {
        // arrange
        var screen = new StringWriter();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(screen, Terminal()), new FakeTimeProvider(), slowSeconds: 5);

        // assert: draws of the slow step with no newline between them, then the finished line on a cleared line
        var text = screen.ToString();
        var draws = text.Split(Erase).Where(s => s.StartsWith("[install] …", StringComparison.Ordinal)).ToList();
        Assert.True(draws.Count >= 5, text);
        Assert.All(draws, d => Assert.DoesNotContain('\n', d));
        Assert.Contains("83/83 packages set up", text, StringComparison.Ordinal);
        Assert.Contains(Erase + "[install] ok   slow", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var afterLastErase = text[(text.LastIndexOf(Erase, StringComparison.Ordinal) + Erase.Length)..];
        Assert.DoesNotContain('…', afterLastErase);
        Assert.DoesNotContain('\r', afterLastErase);
    }

    [Fact]
    public void A_log_line_is_written_above_the_status_line_whole()
    {
        // arrange
        var screen = new StringWriter();
        var progress = new ProgressObserver(screen, Terminal());
        var entry = ProgressFixtures.TwoSteps().Entries.First();

        // act
        progress.StepProgressed(new StepProgress(entry, TimeSpan.FromSeconds(3), new WorkProgress("unpacked", 4, 8, "packages"), null));
        progress.LogWriter!.Write("    INF packages: refresh skipped\n");
        progress.StepProgressed(new StepProgress(entry, TimeSpan.FromSeconds(4), new WorkProgress("unpacked", 5, 8, "packages"), null));

        // assert
        Assert.Equal(
            Erase + "[install] …    slow: 4/8 packages unpacked, 3 s" + Erase + "    INF packages: refresh skipped\n" + Erase + "[install] …    slow: 5/8 packages unpacked, 4 s",
            screen.ToString());
    }

    [Fact]
    public void The_status_line_never_wraps_and_shows_the_last_output_line_when_nothing_is_counted()
    {
        // arrange
        var screen = new StringWriter();
        var progress = new ProgressObserver(screen, Terminal(width: 40));
        var entry = ProgressFixtures.TwoSteps().Entries.First();

        // act
        progress.StepProgressed(new StepProgress(entry, TimeSpan.FromSeconds(12), null, "dracut: *** Including module: systemd-networkd ***"));

        // assert
        var drawn = screen.ToString()[Erase.Length..];
        Assert.True(drawn.Length < 40, drawn);
        Assert.StartsWith("[install] …    slow: 12 s (dracut:", drawn, StringComparison.Ordinal);
        Assert.EndsWith("…", drawn, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Colour_marks_the_status_words_only_when_asked()
    {
        // arrange
        var colored = new StringWriter();
        var plain = new StringWriter();

        // act
        await ProgressFixtures.RunAsync(new ProgressObserver(colored, Terminal(color: true)), new FakeTimeProvider(), slowSeconds: 1);
        await ProgressFixtures.RunAsync(new ProgressObserver(plain, Terminal(color: false)), new FakeTimeProvider(), slowSeconds: 1);

        // assert
        Assert.Contains("[install] \u001b[32mok  \u001b[0m slow", colored.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[32m", plain.ToString(), StringComparison.Ordinal);
    }
}
