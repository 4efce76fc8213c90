namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [MACHINE-ID]: <c>/etc/machine-id</c> is empty or absent, so each machine generates its own on first boot
/// (a baked id makes every node look like the same machine to systemd, journald and DHCP); a filled
/// <c>/var/lib/dbus/machine-id</c> file is a warning.
/// </summary>
public sealed class MachineIdCheck : IImageCheck
{
    private const string MachineId = "/etc/machine-id";
    private const string DbusMachineId = "/var/lib/dbus/machine-id";

    public string Tag => "MACHINE-ID";

    public string Title => "no machine id baked in";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        if (Size(context, MachineId) > 0)
        {
            findings.Add(CheckFinding.Fail(Tag, $"{MachineId} is not empty: every machine from this image would share one id", $"empty it (truncate -s 0 {MachineId}; the cleanup step does this)"));
        }

        var dbus = RootEntry.Lstat(context.Files, DbusMachineId);
        if (dbus.Present && !dbus.IsSymlink && Size(context, DbusMachineId) > 0)
        {
            findings.Add(CheckFinding.Warn(Tag, $"{DbusMachineId} holds a fixed id", $"delete it (rm -f {DbusMachineId}; the cleanup step does this) or link it to {MachineId}"));
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, $"{MachineId} is empty or absent"));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }

    private static long Size(CheckContext context, string path) =>
        RootEntry.Target(context.Files, path) is { IsDirectory: false } file ? file.Size : 0;
}
