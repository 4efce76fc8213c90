using Kairos.Stages.Engine.Accounts;
using Kairos.Stages.Engine.Progress;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Downloads;
using Kairos.Stages.Target.Secrets;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>downloads</c>: fetch each URL through the download client into the root (or one member of a tar archive with <c>extract</c>), then chmod (default 0000) and chown.</summary>
public sealed class DownloadsAction : IStepAction
{
    private readonly Downloader _downloader;

    public DownloadsAction(Downloader downloader)
    {
        _downloader = downloader;
    }

    public string Key => "downloads";

    public bool IsPresent(Step step) => step.Downloads.Count > 0;

    public async Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        foreach (var entry in step.Downloads)
        {
            var shown = UrlRedactor.Redact(entry.Url);
            try
            {
                var record = await DownloadAsync(entry, context, cancellationToken);
                outcome.Record(record with { Url = shown });
            }
            catch (Exception error) when (error is DownloadException or IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException or UriFormatException)
            {
                if (outcome.Fail($"cannot download {shown} to {entry.Path} ({entry.Location}): {Redact(error.Message, entry.Url, shown)}"))
                {
                    break;
                }
            }
        }

        return outcome.Build();
    }

    private async Task<DownloadRecord> DownloadAsync(Download entry, ActionContext context, CancellationToken cancellationToken)
    {
        var files = context.Target.Files;
        if (!Uri.TryCreate(entry.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException("the url is not an absolute http(s) URL");
        }

        var path = entry.Path;
        if (path.EndsWith('/') || files.DirectoryExists(path))
        {
            path = path.TrimEnd('/') + "/" + (UrlRedactor.FileName(url) ?? throw new InvalidOperationException("the URL names no file and the path is a directory"));
        }

        var (uid, gid) = entry.OwnerString.Length > 0
            ? AccountDatabase.Load(files).ResolveOwner(entry.OwnerString)
            : (entry.Owner ?? 0, entry.Group ?? 0);
        DirectoryMaker.EnsureDirectory(files, DirectoryMaker.Parent(path), FileModes.Mode0755, 0, 0);
        var temp = Path.Combine(Path.GetTempPath(), $"kairos-stages-download-{Guid.NewGuid():N}");
        try
        {
            var timeout = entry.Timeout > 0 ? TimeSpan.FromSeconds(entry.Timeout) : (TimeSpan?)null;
            var result = await _downloader.DownloadToFileAsync(
                url, temp, entry.Sha256, timeout, (done, total) => context.Progress.Work(new WorkProgress("downloaded", done, total, "bytes")), cancellationToken);
            var content = entry.Extract.Length > 0 ? ArchiveMember.Read(temp, entry.Extract) : await File.ReadAllBytesAsync(temp, cancellationToken);
            files.WriteFile(path, content, Modes.Of(entry.Permissions), uid, gid);
            return new DownloadRecord(entry.Url, path, result.Sha256) { Source = result.Source };
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static string Redact(string message, string url, string shown) =>
        url.Length > 0 ? message.Replace(url, shown, StringComparison.Ordinal) : message;
}
