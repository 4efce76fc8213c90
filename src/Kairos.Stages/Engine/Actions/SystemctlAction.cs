using System.Text;
using Kairos.Stages.Engine.Conditions;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>systemctl</c>: enable, disable, mask, start (in that order), then drop-in overrides; <c>rc-update</c> on OpenRC roots.</summary>
public sealed class SystemctlAction : IStepAction
{
    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode DirMode = FileMode | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public string Key => "systemctl";

    public bool IsPresent(Step step) =>
        step.Systemctl is { } s && (s.Enable.Count + s.Disable.Count + s.Mask.Count + s.Start.Count + s.Overrides.Count) > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var units = step.Systemctl!;
        var openRc = ServiceManagerProbe.UsesOpenRc(context.Target.Files);
        var verbs = new (string Verb, IReadOnlyList<string> Units)[]
        {
            ("enable", units.Enable), ("disable", units.Disable), ("mask", units.Mask), ("start", units.Start),
        };
        foreach (var (verb, list) in verbs)
        {
            foreach (var unit in list)
            {
                var command = CommandFor(verb, unit, openRc, context.BuildTime, outcome);
                if (command is null)
                {
                    continue;
                }

                var failure = await CommandRunner.RunAsync(context, command, cancellationToken);
                if (failure is not null && outcome.Fail(failure))
                {
                    return outcome.Build();
                }
            }
        }

        foreach (var entry in units.Overrides)
        {
            if (!WriteOverride(context, entry, outcome))
            {
                break;
            }
        }

        return outcome.Build();
    }

    /// <summary>The drop-in path yip uses: <c>.service</c> added unless the unit ends with it (so <c>foo.timer</c> → <c>foo.timer.service.d</c>), <c>.conf</c> likewise.</summary>
    public static string OverridePath(string service, string name)
    {
        var unit = Path.GetExtension(service) == ".service" ? service : service + ".service";
        var file = string.IsNullOrEmpty(name) ? "override-yip.conf" : name;
        file = Path.GetExtension(file) == ".conf" ? file : file + ".conf";
        return $"/etc/systemd/system/{unit}.d/{file}";
    }

    private static string? CommandFor(string verb, string unit, bool openRc, bool buildTime, OutcomeBuilder outcome)
    {
        if (verb == "start" && buildTime)
        {
            outcome.Warn($"not starting {unit}: starting a service makes no sense while building an image");
            return null;
        }

        if (!openRc)
        {
            return $"systemctl {verb} {unit}";
        }

        var service = unit.EndsWith(".service", StringComparison.Ordinal) ? unit[..^8] : unit;
        switch (verb)
        {
            case "enable":
                return $"rc-update add {service} default";
            case "disable":
                return $"rc-update del {service} default";
            case "start":
                return $"rc-service {service} start";
            default:
                outcome.Warn($"not masking {unit}: OpenRC has no equivalent of systemctl mask");
                return null;
        }
    }

    private static bool WriteOverride(ActionContext context, SystemctlOverride entry, OutcomeBuilder outcome)
    {
        if (entry.Service.Length == 0 || entry.Content.Length == 0)
        {
            outcome.Warn($"override at {entry.Location} skipped: it needs both 'service' and 'content'");
            return true;
        }

        var path = OverridePath(entry.Service, entry.Name);
        try
        {
            DirectoryMaker.EnsureDirectory(context.Target.Files, DirectoryMaker.Parent(path), DirMode, 0, 0);
            context.Target.Files.WriteFile(path, Encoding.UTF8.GetBytes(entry.Content), FileMode, 0, 0);
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return !outcome.Fail($"cannot write override {path}: {error.Message}");
        }
    }
}
