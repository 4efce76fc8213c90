namespace Kairos.Stages.Target.Platform;

/// <summary>
/// Working DNS in a chroot: when the root's /etc/resolv.conf is missing or a dangling link, the
/// host's is put there for the run and the original (nothing, or the link) is put back afterwards,
/// unless something in the run replaced the borrowed file (then that is kept).
/// </summary>
internal sealed class ResolvConfLoan : IDisposable
{
    private const string Path = "/etc/resolv.conf";
    private readonly RootFileSystem _files;
    private readonly byte[] _content;
    private readonly string? _originalLink;

    private ResolvConfLoan(RootFileSystem files, byte[] content, string? originalLink)
    {
        _files = files;
        _content = content;
        _originalLink = originalLink;
    }

    public static ResolvConfLoan? Provide(RootFileSystem files, string hostResolvConf = "/etc/resolv.conf")
    {
        if (files.Exists(Path) || !files.DirectoryExists("/etc") || !File.Exists(hostResolvConf))
        {
            return null;
        }

        var content = File.ReadAllBytes(hostResolvConf);
        var link = files.ReadLink(Path);
        files.WriteFile(Path, content, (UnixFileMode)0x1A4, 0, 0);
        return new ResolvConfLoan(files, content, link);
    }

    public void Dispose()
    {
        if (_files.ReadLink(Path) is not null || !_files.FileExists(Path) || !_files.ReadAllBytes(Path).AsSpan().SequenceEqual(_content))
        {
            return;
        }

        if (_originalLink is null)
        {
            _files.Delete(Path);
        }
        else
        {
            _files.CreateSymlink(Path, _originalLink);
        }
    }
}
