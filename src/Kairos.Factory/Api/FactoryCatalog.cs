using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using YamlDotNet.RepresentationModel;

namespace Kairos.Factory.Api;

/// <summary>
/// What the server offers (GET /config) and checks requests against: presets and download names from
/// stages/data/factory.yaml, models and providers from the engine, k8s pins from stages/data/artifacts.yaml.
/// </summary>
public sealed class FactoryCatalog
{
    public const string DataPath = "data/factory.yaml";

    private FactoryCatalog(IReadOnlyList<Preset> presets, string defaultPreset, IReadOnlyList<string> architectures,
        IReadOnlyDictionary<string, string> descriptions, IReadOnlyDictionary<string, string> kubernetes, FipsSupport fips, FormLabels labels)
    {
        Fips = fips;
        Labels = labels;
        Presets = presets;
        DefaultPreset = defaultPreset;
        Architectures = architectures;
        Descriptions = descriptions;
        Kubernetes = kubernetes;
    }

    public IReadOnlyList<Preset> Presets { get; }

    public string DefaultPreset { get; }

    public IReadOnlyList<string> Architectures { get; }

    /// <summary>File name suffix ⇒ friendly description of a download.</summary>
    public IReadOnlyDictionary<string, string> Descriptions { get; }

    /// <summary>Provider ⇒ pinned version (what an empty kubernetes_version builds).</summary>
    public IReadOnlyDictionary<string, string> Kubernetes { get; }

    /// <summary>Bases and architectures a FIPS build is refused for.</summary>
    public FipsSupport Fips { get; }

    /// <summary>The page's labels of outputs and variants, and its groups of outputs.</summary>
    public FormLabels Labels { get; }

    /// <summary>The engines a server builds with (<c>serve --builder</c>, a request's <c>builder</c>).</summary>
    public static IReadOnlyList<string> Builders { get; } = [Kairos.Factory.Builders.PodmanBuilder.Engine, Kairos.Factory.Builders.DockerBuilder.Engine];

    /// <summary>Models a build may ask for on <paramref name="architecture"/> (non-generic boards are arm64 only).</summary>
    public static IReadOnlyList<string> ModelsFor(string architecture) =>
        [.. KnownModels.Supported.Where(model => KnownModels.RequiredArch(model) is not { } required || required == architecture)];

    public string Describe(string fileName) =>
        Descriptions.Where(pair => fileName.EndsWith(pair.Key, StringComparison.Ordinal))
            .OrderByDescending(pair => pair.Key.Length)
            .Select(pair => pair.Value)
            .FirstOrDefault() ?? "file";

    public static FactoryCatalog LoadBundled() => Load(new EmbeddedStageSource());

    /// <summary>Reads data/factory.yaml and data/artifacts.yaml of <paramref name="source"/>.</summary>
    /// <exception cref="InvalidDataException">a file is missing or malformed (the message starts with <c>file:line:col</c>).</exception>
    public static FactoryCatalog Load(IStageSource source)
    {
        var data = StageData.Read(source, DataPath, "the Factory's presets and download names");
        var root = data.Root;
        var presets = data.Items(root, "presets")
            .Select(item => data.AsMap(item, "an item of 'presets'"))
            .Select(preset => new Preset(data.Text(preset, "name"), data.Text(preset, "image")))
            .ToList();
        var descriptions = Map(data, root, "descriptions");

        var artifacts = ArtifactCatalog.Parse(
            source.ReadText(ArtifactCatalog.DataPath) ?? throw new InvalidDataException($"{source.DisplayPath(ArtifactCatalog.DataPath)}: missing"),
            source.DisplayPath(ArtifactCatalog.DataPath));
        var kubernetes = BuildEnums.Providers.ToDictionary(provider => provider, provider => artifacts.Resolve(provider, "amd64", fips: false).Version, StringComparer.Ordinal);
        var architectures = data.List(root, "architectures");
        if (architectures.FirstOrDefault(arch => !BuildEnums.KairosArches.Contains(arch)) is { } unknown)
        {
            throw data.Error(StageData.Child(root, "architectures")!, $"architecture '{unknown}' is not one Kairos builds ({string.Join(", ", BuildEnums.KairosArches)})");
        }

        if (ArtifactNames.Suffixes.Values.FirstOrDefault(suffix => !descriptions.ContainsKey(suffix) || !descriptions.ContainsKey(suffix + ".sha256")) is { } undescribed)
        {
            throw data.Error(StageData.Child(root, "descriptions")!, $"'descriptions' has no '{undescribed}' (or its .sha256): every artifact suffix (Image/Release/ArtifactNames) needs one");
        }

        var labels = FormLabels.Read(data, root);

        // fips.yaml last: an error in factory.yaml is named first
        return new FactoryCatalog(presets, data.Text(root, "default_preset"), architectures, descriptions, kubernetes, FipsRules.Load(source), labels);
    }

    private static Dictionary<string, string> Map(StageData data, YamlMappingNode node, string key) =>
        data.Pairs(node, key).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
}
