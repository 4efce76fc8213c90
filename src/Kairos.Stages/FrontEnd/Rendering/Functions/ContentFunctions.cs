using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Image.Requests;
using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.FrontEnd.Rendering.Functions;

/// <summary>Template functions for stage content: <c>asset</c>, <c>assets</c>, <c>artifact</c>, <c>kernel</c>, <c>yip_escape</c>, <c>fail</c>, <c>fips_refusal</c>.</summary>
public static class ContentFunctions
{
    /// <summary>Names this registers, for documentation and tests.</summary>
    public static IReadOnlyList<string> Names { get; } = ["asset", "assets", "artifact", "kernel", "yip_escape", "fail", "fips_refusal"];

    /// <summary>
    /// Adds the content functions to <paramref name="target"/>. <paramref name="kernelVersion"/> is the chosen kernel
    /// (highest <c>/lib/modules</c> entry); when null, a <c>kernel_version</c> global is used if present; "" means not found.
    /// </summary>
    public static void Register(ScriptObject target, BuildContext context, IStageSource source, string? kernelVersion = null)
    {
        RegisterFunctions(target, context, source);
        RegisterKernel(target, kernelVersion);
    }

    /// <summary>The functions alone: they hold no per-render state, so one set can serve every file rendered for a context.</summary>
    public static void RegisterFunctions(ScriptObject target, BuildContext context, IStageSource source)
    {
        var assets = new AssetLibrary(source);
        var catalog = new Lazy<ArtifactCatalog>(() => ArtifactCatalog.Parse(
            source.ReadText(ArtifactCatalog.DataPath)
            ?? throw new InvalidDataException($"{source.Origin}: {ArtifactCatalog.DataPath} is missing")));
        var k8sVersion = context.K8s?.Version ?? "";

        target["asset"] = new ScriptFunc<string, string>("path", assets.Read);
        target["assets"] = new ScriptFunc<string, ScriptArray>("dir", dir => ToArray(assets.List(dir)));
        target["artifact"] = new ScriptFunc<string, ScriptObject>(
            "name",
            name => catalog.Value.Resolve(name, context.Arch, context.Fips, k8sVersion, context.ArtifactsMirror).ToScriptObject());
        target["yip_escape"] = new ScriptFunc<string, string>("text", YipEscape.Escape);
        target["fail"] = new ScriptFunc<string, string>("message", message => throw new ArgumentException(message));
        // why this FIPS build of a root of that os-release ID is refused (stages/data/fips.yaml), "" when it is not FIPS or allowed
        var fips = new Lazy<FipsSupport>(() => FipsRules.Load(source));
        target["fips_refusal"] = new ScriptFunc<string, string>("distro", distro => context.Fips ? fips.Value.DistroProblem(distro, context.Arch) ?? "" : "");
    }

    /// <summary>The <c>kernel</c> object (see <see cref="Register"/>).</summary>
    public static void RegisterKernel(ScriptObject target, string? kernelVersion)
    {
        var version = kernelVersion
            ?? (target.TryGetValue("kernel_version", out var value) ? value as string : null)
            ?? "";
        target["kernel"] = new ScriptObject
        {
            ["version"] = version,
            ["found"] = version.Length > 0,
        };
    }

    private static ScriptArray ToArray(IEnumerable<string> items)
    {
        var array = new ScriptArray();
        foreach (var item in items)
        {
            array.Add(item);
        }

        return array;
    }
}
