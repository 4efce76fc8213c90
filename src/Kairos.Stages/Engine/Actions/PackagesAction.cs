using Kairos.Stages.Engine.PackageManagers;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>packages</c>: refresh, upgrade, install, remove with the root's package manager; stops at the first failure.</summary>
public sealed class PackagesAction : IStepAction
{
    public string Key => "packages";

    public bool IsPresent(Step step) =>
        step.Packages is { } p && (p.Refresh || p.Upgrade || p.Install.Count > 0 || p.Remove.Count > 0);

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var os = context.Build.Distro.OsRelease;
        var manager = PackageManagerResolver.Resolve(os);
        if (manager is null)
        {
            outcome.Fail(PackageManagerResolver.UnknownMessage(os));
            return outcome.Build();
        }

        var packages = step.Packages!;
        var state = context.Packages;
        var sources = packages.Refresh ? PackageRunState.Fingerprint(context.Target.Files, manager.SourcePaths) : "";
        if (packages.Refresh && !state.NeedsRefresh(sources))
        {
            context.Log.Information("packages: '{Command}' skipped: the repositories are unchanged since this run refreshed them", manager.Refresh);
            packages = packages with { Refresh = false };
        }

        if (packages.Upgrade && !packages.Refresh && !state.NeedsUpgrade)
        {
            context.Log.Information("packages: '{Command}' skipped: this run already upgraded from the current indexes", manager.Upgrade);
            packages = packages with { Upgrade = false };
        }

        foreach (var command in PackageOperations.Commands(manager, packages))
        {
            // The package manager's own order: a failed refresh makes installing meaningless, so always stop.
            var script = outcome.Render(command);
            var failure = await CommandRunner.RunAsync(context, script + manager.ProgressSuffix, cancellationToken, manager.Environment, shown: script, parser: manager.ProgressParser?.Invoke());
            if (failure is not null)
            {
                outcome.Fail(failure);
                break;
            }

            if (command == manager.Refresh)
            {
                // the configuration the refresh saw (a refresh itself writes no repository configuration)
                state.Refreshed(sources);
            }
            else if (command == manager.Upgrade)
            {
                state.Upgraded();
            }
        }

        return outcome.Build();
    }
}
