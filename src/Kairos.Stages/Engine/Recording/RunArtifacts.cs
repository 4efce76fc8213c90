using System.Text;
using Kairos.Stages.Engine.Execution;
using Kairos.Stages.Engine.Planning;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Recording;

/// <summary>Writes what a run leaves in the image: the run record, and the executed yip config (kairos-init parity).</summary>
public static class RunArtifacts
{
    private const UnixFileMode DirMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public static void Write(IRootFileSystem files, RunRecord record, PreparedRun prepared, IReadOnlyList<RunResult> results, string selector)
    {
        EnsureDirectory(files, "/etc");
        EnsureDirectory(files, "/etc/kairos");
        EnsureDirectory(files, "/etc/kairos/kairos-stages");
        files.WriteFile(RunRecord.PathInRoot, Encoding.UTF8.GetBytes(record.ToJson()), FileMode, 0, 0);
        if (results.Count > 0 && results.All(r => r.Status == RunStatus.Succeeded))
        {
            var dump = StageDump.Build(prepared.Plan, prepared.Sources, prepared.Texts);
            files.WriteFile($"/etc/kairos/kairos-init-{selector}-stage.yaml", Encoding.UTF8.GetBytes(dump), FileMode, 0, 0);
        }
    }

    private static void EnsureDirectory(IRootFileSystem files, string path)
    {
        if (!files.DirectoryExists(path))
        {
            files.CreateDirectory(path, DirMode, 0, 0);
        }
    }
}
