using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Tests.Actions;

/// <summary>Builds action contexts for tests.</summary>
public static class Contexts
{
    public static Distro Distro(string id = "debian", string pretty = "Debian GNU/Linux 12 (bookworm)", string version = "12", params string[] idLike) => new()
    {
        Id = id,
        PrettyName = pretty,
        Version = version,
        IdLike = idLike,
        OsRelease = new OsRelease { Id = id, PrettyName = pretty, VersionId = version, IdLike = idLike },
    };

    public static ActionContext For(ITarget target, Distro? distro = null, bool failFast = true, bool buildTime = true, string arch = "amd64")
    {
        var build = new BuildContext { Root = target.Root, Distro = distro ?? Distro(), Arch = arch, Version = "v1.0.0" };
        return new ActionContext
        {
            Target = target,
            Build = build,
            Templates = RuntimeTemplates.ForRoot(target.Files, build),
            Log = Serilog.Core.Logger.None,
            FailFast = failFast,
            BuildTime = buildTime,
        };
    }
}
