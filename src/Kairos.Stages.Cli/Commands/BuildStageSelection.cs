using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Cli.Commands;

/// <summary>Finds stage files named on the command line by relative path, file name or step name.</summary>
public static class BuildStageSelection
{
    /// <summary>The requested stages in request order (all when none requested); null with an error for an unknown name.</summary>
    public static IReadOnlyList<StageTemplate>? Select(IReadOnlyList<StageTemplate> stages, IReadOnlyList<string> requested, out string error)
    {
        error = "";
        if (requested.Count == 0)
        {
            return stages;
        }

        var selected = new List<StageTemplate>();
        foreach (var name in requested)
        {
            var match = Find(stages, name);
            if (match is null)
            {
                var known = stages.Select(s => $"{s.RelativePath} ({StageMetadata.Read(s).Step ?? "no step name"})");
                error = $"no bundled stage file or step named '{name}'; known: {string.Join(", ", known)}";
                return null;
            }

            selected.Add(match);
        }

        return selected;
    }

    private static StageTemplate? Find(IReadOnlyList<StageTemplate> stages, string name)
    {
        var path = name.Replace('\\', '/');
        path = path.StartsWith("stages/", StringComparison.Ordinal) ? path["stages/".Length..] : path;
        return stages.FirstOrDefault(s => s.RelativePath == path)
            ?? stages.FirstOrDefault(s => string.Equals(StageMetadata.Read(s).Step, name, StringComparison.OrdinalIgnoreCase))
            ?? stages.FirstOrDefault(s => Path.GetFileName(s.RelativePath) == path);
    }
}
