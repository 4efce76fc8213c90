using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Image.Release;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using YamlDotNet.RepresentationModel;

namespace Kairos.Factory.Api;

/// <summary>
/// How the page names what the engine defines (data/factory.yaml): each output kind and variant's label, and the
/// groups the form offers the outputs in. The names are the engine's own (<see cref="OutputKinds"/>,
/// <see cref="ArtifactNames"/>, <see cref="BuildEnums.Variants"/>); the page types none of them.
/// </summary>
public sealed record FormLabels(
    [property: System.ComponentModel.Description("The form's groups of outputs, in order: every output of GET /config's artifacts is in one.")]
    IReadOnlyList<OutputGroup> OutputGroups,
    [property: System.ComponentModel.Description("Output kind => label; uki-iso labels the iso of a Trusted Boot image.")]
    IReadOnlyDictionary<string, string> Outputs,
    [property: System.ComponentModel.Description("Variant => label.")]
    IReadOnlyDictionary<string, string> Variants)
{
    /// <summary>Reads <c>output_groups</c>, <c>output_labels</c> and <c>variant_labels</c>, each checked against the engine's names.</summary>
    /// <exception cref="InvalidDataException">a name is missing, unknown or grouped twice (the message starts with <c>file:line:col</c>).</exception>
    public static FormLabels Read(StageData data, YamlMappingNode root)
    {
        var groups = data.Items(root, "output_groups")
            .Select(item => data.AsMap(item, "an item of 'output_groups'"))
            .Select(group => new OutputGroup(data.Text(group, "name"), data.List(group, "outputs")))
            .ToList();
        var grouped = groups.SelectMany(group => group.Outputs).ToList();
        if (grouped.FirstOrDefault(name => !OutputKinds.Names.Contains(name) || grouped.Count(other => other == name) > 1) is { } wrong)
        {
            throw data.Error(StageData.Child(root, "output_groups")!, $"'{wrong}' is not an output kind, or is in two groups (kinds: {string.Join(", ", OutputKinds.Names)})");
        }

        if (OutputKinds.Names.FirstOrDefault(name => !grouped.Contains(name)) is { } ungrouped)
        {
            throw data.Error(StageData.Child(root, "output_groups")!, $"output '{ungrouped}' is in no group");
        }

        var outputs = Labels(data, root, "output_labels", ArtifactNames.Suffixes.Keys, "output kind (Image/Release/ArtifactNames)");
        var variants = Labels(data, root, "variant_labels", BuildEnums.Variants, "variant");
        return new FormLabels(groups, outputs, variants);
    }

    private static Dictionary<string, string> Labels(StageData data, YamlMappingNode root, string key, IEnumerable<string> names, string what)
    {
        var labels = data.Pairs(root, key).ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);
        var known = names.ToList();
        if ((known.FirstOrDefault(name => !labels.ContainsKey(name)) ?? labels.Keys.FirstOrDefault(name => !known.Contains(name))) is { } wrong)
        {
            throw data.Error(StageData.Child(root, key)!, $"'{key}' must label each {what} once: '{wrong}' is missing or unknown ({string.Join(", ", known)})");
        }

        return labels;
    }
}

/// <summary>One group of outputs the form offers together, in order.</summary>
public sealed record OutputGroup(string Name, IReadOnlyList<string> Outputs);
