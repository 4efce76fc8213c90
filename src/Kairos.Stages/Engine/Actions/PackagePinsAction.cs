using System.Text;
using Kairos.Stages.Engine.PackageManagers;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>package_pins</c>: pin versions with the root's package manager (apt preferences, dnf versionlock, zypper addlock, apk world).</summary>
public sealed class PackagePinsAction : IStepAction
{
    public string Key => "package_pins";

    public bool IsPresent(Step step) => step.PackagePins.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var files = context.Target.Files;
        foreach (var empty in step.PackagePins.Where(p => p.Value.Length == 0))
        {
            outcome.Warn($"pin for {empty.Key} skipped: it has no version");
        }

        var pins = step.PackagePins.Where(p => p.Value.Length > 0).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var manager = PackageManagerResolver.Resolve(context.Build.Distro.OsRelease);
        try
        {
            switch (manager?.Name)
            {
                case "apt-get":
                    Write(files, PackagePinner.AptPreferences, PackagePinner.AptStanzas(pins));
                    break;
                case "apk":
                    var world = files.FileExists(PackagePinner.ApkWorld) ? files.ReadAllText(PackagePinner.ApkWorld) : "";
                    Write(files, PackagePinner.ApkWorld, PackagePinner.ApkWorldWith(world, pins));
                    break;
                case "dnf":
                    await PinDnfAsync(context, pins, outcome, cancellationToken);
                    break;
                case "zypper":
                    await PinZypperAsync(context, pins, outcome, cancellationToken);
                    break;
                default:
                    outcome.Warn($"package pins are not supported for {manager?.Name ?? $"os-release ID '{context.Build.Distro.OsRelease.Id}'"}; nothing pinned");
                    break;
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            outcome.Fail($"cannot write package pins: {error.Message}");
        }

        return outcome.Build();
    }

    private static void Write(Target.Platform.IRootFileSystem files, string path, string text)
    {
        DirectoryMaker.EnsureDirectory(files, DirectoryMaker.Parent(path), FileModes.Mode0755, 0, 0);
        files.WriteFile(path, Encoding.UTF8.GetBytes(text), FileModes.Mode0644, 0, 0);
    }

    private static async Task PinDnfAsync(ActionContext context, List<KeyValue> pins, OutcomeBuilder outcome, CancellationToken cancellationToken)
    {
        var lines = new StringBuilder();
        foreach (var pin in pins)
        {
            var query = await context.Target.RunAsync(new Target.Platform.CommandRequest(outcome.Render(PackagePinner.DnfQuery(pin))), cancellationToken);
            var nevra = query.Succeeded ? query.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() : null;
            lines.Append(nevra ?? $"{pin.Key}-{pin.Value}*").Append('\n');
        }

        Write(context.Target.Files, PackagePinner.DnfConfig, PackagePinner.DnfVersionlockConfig());
        Write(context.Target.Files, PackagePinner.DnfList, lines.ToString());
    }

    private static async Task PinZypperAsync(ActionContext context, List<KeyValue> pins, OutcomeBuilder outcome, CancellationToken cancellationToken)
    {
        foreach (var pin in pins)
        {
            if (await CommandRunner.RunAsync(context, outcome.Render(PackagePinner.ZypperLock(pin)), cancellationToken) is not null &&
                await CommandRunner.RunAsync(context, outcome.Render(PackagePinner.ZypperLockName(pin)), cancellationToken) is { } failure)
            {
                outcome.Warn($"could not lock {pin.Key}: {failure.Message}");
            }
        }
    }
}
