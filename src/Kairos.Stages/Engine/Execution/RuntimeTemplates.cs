using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.GoTemplates;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Execution;

/// <summary>yip's run-time renderer: Go templates over <c>.Values</c> built from a target root's facts.</summary>
public sealed class RuntimeTemplates : IRuntimeTemplates
{
    private readonly SystemFacts _facts;

    public RuntimeTemplates(SystemFacts facts)
    {
        _facts = facts;
    }

    /// <summary>A renderer for the root a build acts on.</summary>
    public static RuntimeTemplates ForRoot(IRootFileSystem files, BuildContext build) => new(SystemFacts.Read(files, build));

    public string Render(string text, Action<string>? warn = null)
    {
        if (!text.Contains("{{", StringComparison.Ordinal))
        {
            return text;
        }

        try
        {
            return GoTemplate.Render(text, Data());
        }
        catch (TemplateException error)
        {
            warn?.Invoke($"template error, text used as is: {error.Message}");
            return text;
        }
    }

    /// <summary>The root object: <c>{ Values: { os, kernel, node, sysinfo, Random, ProtectedID } }</c>; Random is fresh per call.</summary>
    public IReadOnlyDictionary<string, object?> Data()
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["os"] = Map(("name", _facts.OsName), ("vendor", _facts.OsVendor), ("version", _facts.OsVersion),
                ("release", _facts.OsRelease), ("architecture", _facts.OsArchitecture)),
            ["kernel"] = Map(("release", _facts.KernelRelease), ("version", _facts.KernelVersion),
                ("architecture", _facts.KernelArchitecture)),
            ["node"] = Map(("hostname", _facts.Hostname), ("machineid", _facts.MachineId)),
            ["Random"] = TemplateRandom.NewRandom(),
            ["ProtectedID"] = TemplateRandom.ProtectedId(_facts.MachineId),
        };
        return new Dictionary<string, object?>(StringComparer.Ordinal) { ["Values"] = values };
    }

    private static Dictionary<string, object?> Map(params (string Key, string Value)[] pairs)
    {
        // sysinfo marshals with omitempty: empty facts are missing keys and print <no value>.
        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs.Where(p => p.Value.Length > 0))
        {
            map[key] = value;
        }

        return map;
    }
}
