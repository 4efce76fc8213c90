namespace Kairos.Stages.Image.Checks;

/// <summary>[DIRS]: <c>/var/lock</c> exists (a link into /run that tmpfiles creates at boot is a warning).</summary>
public sealed class DirsCheck : IImageCheck
{
    private const string Lock = "/var/lock";

    public string Tag => "DIRS";

    public string Title => $"{Lock} exists";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var entry = RootEntry.Lstat(context.Files, Lock);
        CheckFinding finding;
        if (RootEntry.Target(context.Files, Lock) is not null)
        {
            finding = CheckFinding.Pass(Tag, $"{Lock} exists");
        }
        else if (entry.IsSymlink && entry.LinkTarget!.TrimStart('.', '/').StartsWith("run/", StringComparison.Ordinal))
        {
            finding = CheckFinding.Warn(Tag, $"{Lock} links to {entry.LinkTarget}, which is missing in the image (systemd-tmpfiles creates it at boot)", $"create it in the image if early boot needs it: mkdir -p /{entry.LinkTarget!.TrimStart('.', '/')}");
        }
        else
        {
            finding = CheckFinding.Fail(Tag, entry.IsSymlink ? $"{Lock} links to {entry.LinkTarget}, which does not exist" : $"{Lock} is missing", $"create it (mkdir -p {Lock}, mode 0755) in a stage extension or the image's Dockerfile");
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>([finding]);
    }
}
