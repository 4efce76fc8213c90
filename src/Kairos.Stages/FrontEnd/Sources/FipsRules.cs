using Kairos.Stages.Image.Requests;

namespace Kairos.Stages.FrontEnd.Sources;

/// <summary>Reads <c>stages/data/fips.yaml</c>, the one home of the FIPS refusals (<see cref="FipsSupport"/>), for the install stage and the Factory.</summary>
public static class FipsRules
{
    public const string DataPath = "data/fips.yaml";

    private static readonly Lazy<FipsSupport> BundledRules = new(() => Load(new EmbeddedStageSource()));

    /// <summary>The rules of the bundled <c>stages/</c>.</summary>
    public static FipsSupport Bundled => BundledRules.Value;

    /// <summary>Reads <see cref="DataPath"/> of <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">the file is missing or malformed (the message starts with <c>file:line:col</c>).</exception>
    public static FipsSupport Load(IStageSource source)
    {
        var data = StageData.Read(source, DataPath, "the FIPS refusals");
        return new FipsSupport(Map(data, "distros"), Map(data, "architectures"));
    }

    private static Dictionary<string, string> Map(StageData data, string key) =>
        data.Pairs(data.Root, key).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
