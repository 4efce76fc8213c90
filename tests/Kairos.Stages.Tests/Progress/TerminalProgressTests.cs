using System.Text.Json;
using Json.Schema;

namespace Kairos.Stages.Tests.Progress;

/// <summary>The published binary's progress on a real pseudo-terminal, on a pipe, and as JSON.</summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Long)]
public sealed class TerminalProgressTests
{
    private const string Erase = "\r\u001b[2K";

    [Fact]
    public void On_a_terminal_one_status_line_is_redrawn_and_the_output_ends_clean()
    {
        if (TerminalScene.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        // arrange
        using var scene = new TerminalScene();

        // act
        var (code, screen) = scene.RunOnTerminal();

        // assert: redraws of the running step with its last output line, no newline between them
        Assert.True(code == 0, screen);
        var draws = screen.Split(Erase).Where(s => s.StartsWith("[after-install] ", StringComparison.Ordinal) && s.Contains('…')).ToList();
        Assert.True(draws.Count >= 2, screen);
        Assert.All(draws, d => Assert.DoesNotContain('\n', d));
        Assert.Contains(draws, d => d.Contains("(working on part", StringComparison.Ordinal));

        // the finished line replaces the status line, keeps its duration, and nothing is left drawn at the end
        Assert.Matches(@"\r\u001b\[2K\[after-install\] \u001b\[32mok  \u001b\[0m Slow step  \d+\.\d\ds", screen);
        var afterLastErase = screen[(screen.LastIndexOf(Erase, StringComparison.Ordinal) + Erase.Length)..];
        Assert.DoesNotContain('…', afterLastErase);
        Assert.Matches(@"kairos-stages: succeeded in [0-9.]+s \([^)]*\)\r?\n$", screen);
    }

    [Fact]
    public void No_color_and_color_never_keep_a_terminal_plain_but_live()
    {
        if (TerminalScene.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var scene = new TerminalScene();

        var (code, screen) = scene.RunOnTerminal("--color", "never");

        Assert.True(code == 0, screen);
        Assert.Contains(Erase, screen, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[32m", screen, StringComparison.Ordinal);
        Assert.Contains("[after-install] ok   Slow step", screen, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_pipe_there_are_no_control_characters_and_quiet_keeps_finished_steps_only()
    {
        if (TerminalScene.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var scene = new TerminalScene();

        var (code, _, error) = scene.RunPiped();
        var (quietCode, _, quiet) = scene.RunPiped("--quiet");

        Assert.True(code == 0, error);
        Assert.DoesNotContain(error, c => char.IsControl(c) && c != '\n');
        Assert.Contains("[after-install] ok   Slow step", error, StringComparison.Ordinal);
        Assert.True(quietCode == 0, quiet);
        Assert.DoesNotContain("running", quiet, StringComparison.Ordinal);
        Assert.All(quiet.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.True(l.StartsWith('[') || l.StartsWith("kairos-stages: succeeded", StringComparison.Ordinal), l));
    }

    [Fact]
    public void Json_output_has_step_progress_events_with_the_commands_last_line_and_every_event_validates()
    {
        if (TerminalScene.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var scene = new TerminalScene();
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "run-events.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });

        var (code, output, error) = scene.RunPiped("--output", "json");

        Assert.True(code == 0, error);
        var events = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.All(events, e => Assert.True(schema.Evaluate(e, new EvaluationOptions { OutputFormat = OutputFormat.List }).IsValid, e.GetRawText()));
        var progress = events.Where(e => e.GetProperty("event").GetString() == "step-progress").ToList();
        Assert.NotEmpty(progress);
        Assert.Equal("working on part 8", progress[^1].GetProperty("line").GetString());
    }
}
