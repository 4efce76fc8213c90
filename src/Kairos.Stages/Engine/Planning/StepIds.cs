using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>yip's op ids: <c>root.label</c>, where duplicate names in one stage list get <c>.index</c> on every step.</summary>
public static class StepIds
{
    /// <summary>The op ids of one file's steps for one stage, in list order.</summary>
    public static IReadOnlyList<string> For(StageFile file, IReadOnlyList<Step> steps)
    {
        var duplicated = steps.GroupBy(s => s.Name, StringComparer.Ordinal).Any(g => g.Count() > 1);
        return [.. steps.Select((s, i) => $"{file.IdRoot}.{Label(s.Name, i, duplicated)}")];
    }

    private static string Label(string name, int index, bool duplicated) =>
        duplicated ? $"{name}.{index}" : name.Length > 0 ? name : index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
