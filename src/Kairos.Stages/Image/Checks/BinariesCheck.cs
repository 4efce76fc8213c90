using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [BINARIES]: the binaries a Kairos image runs are on PATH inside the root (with /system/providers and
/// /system/discovery) and executable: immucore, kairos-agent, sudo, less, kcrypt-discovery-challenger,
/// mount.nfs (not on Hadron); agent-provider-kairos, kairos, edgevpn for the standard variant; k3s or k0s
/// when that is the provider.
/// </summary>
public sealed class BinariesCheck : IImageCheck
{
    private const string KairosFix = "run the kairosBinaries step (kairos-stages run --stage install)";
    private const string PackageFix = "install the package that provides it (the installPackages step: kairos-stages run --stage install) or add it in a stage extension";

    public string Tag => "BINARIES";

    public string Title => "Kairos binaries";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var found = new List<string>();
        foreach (var (name, fix) in Required(context))
        {
            var lookup = BinaryLocator.Find(context, name);
            switch (lookup.Kind)
            {
                case BinaryLookupKind.Executable:
                    found.Add(name);
                    break;
                case BinaryLookupKind.NotExecutable:
                    findings.Add(CheckFinding.Fail(Tag, $"binary {name} is not executable ({lookup.Path})", $"chmod 0755 {lookup.Path} inside the root"));
                    break;
                case BinaryLookupKind.DanglingLink:
                    findings.Add(CheckFinding.Fail(Tag, $"could not find binary {name}: {lookup.Path} is a symlink to a file that does not exist in the root", fix));
                    break;
                default:
                    findings.Add(CheckFinding.Fail(Tag, $"could not find binary {name} on PATH (with /system/providers and /system/discovery) in the root", fix));
                    break;
            }
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, $"found and executable: {string.Join(", ", found)}"));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }

    /// <summary>Every binary the image needs for its family, variant and provider, with the fix when it is missing.</summary>
    internal static IEnumerable<(string Name, string Fix)> Required(CheckContext context)
    {
        yield return ("immucore", KairosFix);
        yield return ("kairos-agent", KairosFix);
        yield return ("sudo", PackageFix);
        yield return ("less", PackageFix);
        yield return ("kcrypt-discovery-challenger", KairosFix);
        if (context.Family != "hadron")
        {
            yield return ("mount.nfs", PackageFix + " (nfs-common, nfs-utils or nfs-client)");
        }

        if (context.Variant == BuildEnums.Standard)
        {
            var provider = context.Provider ?? "k3s";
            var fix = $"run the providerBinaries step (kairos-stages run --stage install -k {provider}); a core image must have KAIROS_VARIANT=core";
            yield return ("agent-provider-kairos", fix);
            yield return ("kairos", fix);
            yield return ("edgevpn", fix);
        }

        if (context.Provider is "k3s" or "k0s")
        {
            yield return (context.Provider, $"install {context.Provider} (kairos-stages run --stage install -k {context.Provider}) or correct KAIROS_SOFTWARE_VERSION_PREFIX");
        }
    }
}
