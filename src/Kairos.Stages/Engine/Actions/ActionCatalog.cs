using Kairos.Stages.Engine.Steps;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Engine.Actions;

/// <summary>Every yip action in yip's fixed plugin order (<see cref="FrontEnd.Model.StepKeys.Actions"/>); built explicitly, no reflection.</summary>
public static class ActionCatalog
{
    /// <summary>The actions; <paramref name="downloader"/> serves <c>downloads</c> and remote SSH keys.</summary>
    public static IReadOnlyList<IStepAction> Create(Downloader downloader) =>
    [
        new DnsAction(),
        new DownloadsAction(downloader),
        new GitAction(),
        new EnsureEntitiesAction(),
        new DirectoriesAction(),
        new FilesAction(),
        new CommandsAction(),
        new DeleteEntitiesAction(),
        new HostnameAction(),
        new SysctlAction(),
        new UsersAction(downloader),
        new AuthorizedKeysAction(downloader),
        new ModulesAction(),
        new TimesyncdAction(),
        new SystemctlAction(),
        new EnvironmentAction(),
        new SystemdFirstbootAction(),
        new DatasourceAction(),
        new LayoutAction(),
        new PackagePinsAction(),
        new PackagesAction(),
        new UnpackImagesAction(),
    ];
}
