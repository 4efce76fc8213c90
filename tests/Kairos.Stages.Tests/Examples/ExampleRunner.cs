using System.Text.RegularExpressions;
using Kairos.Stages.Cli.Commands;

namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// Runs an example's call through the real CLI in-process against a sample root: <c>run</c> with
/// <c>--root</c> and <c>--dry-run</c>, <c>validate</c> with <c>--root</c>, <c>lint</c> with its paths mapped into the root.
/// </summary>
public static partial class ExampleRunner
{
    public static async Task<ExampleResult> RunAsync(ExampleInvocation invocation)
    {
        using var root = SampleRoots.Create(invocation);
        var (command, arguments) = Translate(invocation.Arguments, root.Path);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync([.. arguments], output, error);
        var text = output.ToString();
        var passed = command switch
        {
            // validate checks an unbuilt sample root, so failures (1) are expected: only usage errors (2) count.
            "validate" => code != 2,
            // Stage files the Dockerfile copied in (extensions) must show up in the plan.
            "run" => code == 0 && PlannedStep().IsMatch(text)
                && invocation.Copies.Where(c => c.ImagePath.EndsWith(".yaml", StringComparison.Ordinal)).All(c => text.Contains(c.ImagePath, StringComparison.Ordinal)),
            _ => code == 0,
        };
        return new ExampleResult(passed, code, string.Join(' ', arguments).Replace(root.Path, "<root>", StringComparison.Ordinal), text, error.ToString());
    }

    /// <summary>The command (kairos-init's bare flags mean run) and the arguments to run it with against <paramref name="root"/>.</summary>
    public static (string Command, IReadOnlyList<string> Arguments) Translate(IReadOnlyList<string> arguments, string root)
    {
        var command = arguments.Count == 0 || arguments[0].StartsWith('-') ? "run" : arguments[0];
        return command switch
        {
            "run" => (command, [.. arguments, "--root", root, "--dry-run"]),
            "plan" or "validate" or "render" => (command, [.. arguments, "--root", root]),
            "lint" => (command, [.. arguments.Select((a, i) => i > 0 && a.StartsWith('/') ? Path.Join(root, a) : a)]),

            // fetch downloads: list resolves the same build and the same artifact set without the network.
            "artifacts" when arguments is [_, "fetch", ..] => (command, ["artifacts", "list", .. WithoutDest(arguments.Skip(2)), "--root", root]),
            "artifacts" => (command, [.. arguments, "--root", root]),
            _ => (command, arguments),
        };
    }

    private static IEnumerable<string> WithoutDest(IEnumerable<string> arguments)
    {
        var skipNext = false;
        foreach (var argument in arguments)
        {
            if (skipNext || argument.StartsWith("--dest=", StringComparison.Ordinal))
            {
                skipNext = false;
                continue;
            }

            skipNext = argument == "--dest";
            if (!skipNext)
            {
                yield return argument;
            }
        }
    }

    /// <summary>A plan line for a step that will run: <c>  [step] Title  (file:line:col)  run</c>.</summary>
    [GeneratedRegex(@"\)\s+run\b")]
    private static partial Regex PlannedStep();
}
