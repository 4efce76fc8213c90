using System.CommandLine;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Cli.Commands;

/// <summary>The flags shared by run and plan: stage selection, skips and only-steps, extensions, leniency.</summary>
public sealed class StageOptions
{
    public Option<string> Stage { get; } = new("--stage", "-s")
    {
        Description = "all, install, init, or one stage: " + string.Join(", ", BuildStages.All),
        DefaultValueFactory = _ => "all",
    };

    public Option<string[]> SkipSteps { get; } = new("--skip-steps", "--skip-step")
    {
        Description = "comma-separated step, stage or phase names to skip (repeatable; see steps-info)",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string[]> OnlySteps { get; } = new("--only-steps", "--only-step")
    {
        Description = "run only these comma-separated step, stage or phase names of the selected stages (repeatable; skips still apply)",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<string?> ExtensionsDir { get; } = new("--extensions-dir")
    {
        Description = $"extension files directory on the host (default: {ExtensionFiles.DefaultDirectory} or ${ExtensionFiles.EnvironmentVariable} inside the root)",
    };

    public Option<bool> NoExtensions { get; } = new("--no-extensions") { Description = "ignore stage extension files" };

    public Option<bool> StageExtensions { get; } = new("--stage-extensions", "-x")
    {
        Description = "accepted for kairos-init compatibility; extensions load whenever their directory exists",
    };

    public Option<bool> Lenient { get; } = new("--lenient") { Description = "unknown keys in stage files are warnings (yip parity), not errors" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Stage, SkipSteps, OnlySteps, ExtensionsDir, NoExtensions, StageExtensions, Lenient })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The pipeline request for these flags; throws <see cref="UsageException"/> for a missing directory or contradicting flags.</summary>
    public PipelineRequest Request(ParseResult parse, BuildContext context, BuildOptionsBinder binder)
    {
        var source = binder.Source(parse);
        var explicitDir = parse.GetValue(ExtensionsDir);
        if (ExtensionsProblem(parse, explicitDir) is { } problem)
        {
            throw new UsageException(problem);
        }

        var environment = Environment.GetEnvironmentVariable(ExtensionFiles.EnvironmentVariable);
        string? directory;
        try
        {
            directory = parse.GetValue(NoExtensions) ? null : ExtensionFiles.Locate(context.Root, explicitDir, environment);
        }
        catch (IOException e)
        {
            throw new UsageException($"extensions directory {(environment is { Length: > 0 } ? environment : ExtensionFiles.DefaultDirectory)}: {e.Message}", e);
        }

        return new PipelineRequest
        {
            Context = context,
            Bundled = source,
            ExtensionsDirectory = directory,
            ExtensionsRoot = explicitDir is { Length: > 0 } ? null : context.Root,
            ExtensionsDisplay = explicitDir is { Length: > 0 } ? explicitDir : environment is { Length: > 0 } ? environment : ExtensionFiles.DefaultDirectory,
            Selector = parse.GetValue(Stage) ?? "all",
            SkipSteps = parse.GetValue(SkipSteps) ?? [],
            OnlySteps = parse.GetValue(OnlySteps) ?? [],
            Lenient = parse.GetValue(Lenient),
        };
    }

    /// <summary>An explicit extension directory that is missing, or one given together with --no-extensions.</summary>
    private string? ExtensionsProblem(ParseResult parse, string? explicitDir)
    {
        if (explicitDir is not { Length: > 0 })
        {
            return null;
        }

        if (parse.GetValue(NoExtensions))
        {
            return $"--no-extensions and --extensions-dir {explicitDir} contradict each other: drop one";
        }

        return Directory.Exists(explicitDir) ? null : $"--extensions-dir: directory '{explicitDir}' does not exist";
    }
}
