using System.CommandLine;
using Kairos.Stages.Cli.Terminal;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>artifacts list|fetch</c>: the downloads a build needs (read from its plan), and fetching them for offline builds.</summary>
public static class ArtifactsCommand
{
    public static Command Create()
    {
        var command = new Command("artifacts", "list or prefetch the artifacts a build downloads (for --artifacts-dir)");
        command.Subcommands.Add(Verb("list", "print url, install path and archive member of every download the build would make", fetch: false));
        command.Subcommands.Add(Verb("fetch", "download every artifact the build needs into --dest (file names as in the URLs)", fetch: true));
        return command;
    }

    private static Command Verb(string name, string description, bool fetch)
    {
        var binder = new BuildOptionsBinder();
        var stages = new StageOptions();
        var dest = new Option<string?>("--dest") { Description = "directory to download into" };
        var all = new Option<bool>("--all") { Description = "every pinned artifact for the arch (core and standard, k3s and k0s, FIPS twins), not only this build's" };
        var command = new Command(name, description) { all };
        if (fetch)
        {
            command.Options.Add(dest);
        }

        binder.AddTo(command);
        stages.AddTo(command);
        command.SetAction(async (parse, cancel) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var context = BuildContextLoader.Load(binder, parse, o => o with { AllowMissingVersion = true });
            if (context is null)
            {
                return ExitCodes.Usage;
            }

            var source = binder.Source(parse);

            IReadOnlyList<(string Url, string Sha256, string Path, string Extract)> downloads;
            if (parse.GetValue(all))
            {
                var catalog = ArtifactCatalog.Parse(source.ReadText(ArtifactCatalog.DataPath) ?? "");
                downloads = [.. catalog.Names
                    .SelectMany(n => new[] { catalog.Resolve(n, context.Arch, fips: false, mirror: context.ArtifactsMirror), catalog.Resolve(n, context.Arch, fips: true, mirror: context.ArtifactsMirror) })
                    .Where(a => a.Url.Length > 0)
                    .DistinctBy(a => a.Url)
                    .Select(a => (a.Url, a.Sha256, a.Path, a.Extract))];
            }
            else
            {
                var request = stages.Request(parse, context, binder);
                if (PipelineReporter.Report(StagePipeline.Prepare(request with { ExtensionsDirectory = null }), error) is not { } prepared)
                {
                    return ExitCodes.Usage;
                }

                downloads = [.. prepared.Plan.Entries.Where(e => !e.Skipped).SelectMany(e => e.Step.Downloads)
                    .Select(d => (d.Url, d.Sha256, d.Path, d.Extract)).DistinctBy(d => d.Url)];
            }

            if (!fetch)
            {
                foreach (var d in downloads)
                {
                    parse.InvocationConfiguration.Output.WriteLine($"{d.Url}\t{d.Path}\t{d.Extract}");
                }

                return ExitCodes.Success;
            }

            if (parse.GetValue(dest) is not { Length: > 0 } directory)
            {
                throw new UsageException("artifacts fetch needs --dest DIR");
            }

            Directory.CreateDirectory(directory);
            using var downloader = new Downloader();
            downloader.Prefetch(downloads.Select(d => (new Uri(d.Url), d.Sha256.Length > 0 ? d.Sha256 : null)));
            foreach (var d in downloads)
            {
                var file = Path.Combine(directory, Uri.UnescapeDataString(new Uri(d.Url).Segments[^1]));
                try
                {
                    var result = await downloader.DownloadToFileAsync(new Uri(d.Url), file, d.Sha256.Length > 0 ? d.Sha256 : null, null, cancel);
                    parse.InvocationConfiguration.Output.WriteLine($"{result.Sha256}  {Path.GetFileName(file)}");
                }
                catch (DownloadException e)
                {
                    error.WriteLine($"error: {e.Message}");
                    return ExitCodes.Failed;
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
