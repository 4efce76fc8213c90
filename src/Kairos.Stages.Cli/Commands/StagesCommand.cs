using System.CommandLine;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages stages export DIR</c>: writes the bundled stage files, data and assets, unrendered, for forking.</summary>
public static class StagesCommand
{
    public static Command Create()
    {
        var directory = new Argument<string>("dir") { Description = "directory to write the stages into (use it later with --stages-dir)" };
        var force = new Option<bool>("--force") { Description = "overwrite files that already exist" };
        var export = new Command("export", "write the bundled stage files (unrendered), data and assets to DIR") { directory, force };
        export.SetAction(parse => Export(parse, parse.GetValue(directory)!, parse.GetValue(force)));
        return new Command("stages", "work with the bundled stage files") { export };
    }

    private static int Export(ParseResult parse, string directory, bool force)
    {
        var source = new EmbeddedStageSource();
        var files = source.ListFiles();
        var existing = files.Where(f => File.Exists(Path.Combine(directory, f))).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new UsageException($"{existing.Count} file(s) already exist in '{directory}' (first: {existing[0]}); pass --force to overwrite");
        }

        foreach (var file in files)
        {
            var target = Path.Combine(directory, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var input = source.OpenRead(file)!;
            using var output = File.Create(target);
            input.CopyTo(output);
        }

        parse.InvocationConfiguration.Output.WriteLine($"exported {files.Count} files to {Path.GetFullPath(directory)}");
        return ExitCodes.Success;
    }
}
