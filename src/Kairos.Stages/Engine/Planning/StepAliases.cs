using Kairos.Stages.FrontEnd.Sources;

namespace Kairos.Stages.Engine.Planning;

/// <summary>Reads <c>stages/data/step-aliases.yaml</c>: kairos-init step names mapped to the bundled step or phase that does their work.</summary>
public static class StepAliases
{
    public const string DataPath = "data/step-aliases.yaml";

    /// <summary>The aliases in file order; no file (an old forked stages directory) means none.</summary>
    /// <exception cref="InvalidDataException">the file is malformed (the message starts with <c>file:line:col</c>).</exception>
    public static IReadOnlyList<StepAlias> Parse(string? text, string path = "stages/" + DataPath)
    {
        if (text is null)
        {
            return [];
        }

        var data = StageData.Parse(text, path);
        return [.. data.Entries(data.Map(data.Root, "aliases"), "aliases").Select(entry =>
        {
            var alias = data.AsMap(entry.Value, entry.Key);
            return new StepAlias(entry.Key, data.Text(alias, "skips"), data.Text(alias, "description"));
        })];
    }
}
