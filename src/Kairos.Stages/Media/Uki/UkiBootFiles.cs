using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Kairos.Stages.Media.Uki;

/// <summary>
/// The systemd-boot files a build uses: the stub every UKI is made on and the boot manager, and the
/// systemd version they come from (their "LoaderInfo" string). By default the host's (Debian's
/// systemd-boot-efi); with --sdboot-in-source the same paths inside the source image. The PCR 11
/// prediction runs the host's systemd-measure, which knows what its own systemd's stub measures, so a
/// stub of another systemd version is refused: its measurements (newer stubs also measure .uname and
/// .sbat) would not match the prediction, and the TPM would never release what the policy guards.
/// </summary>
public sealed partial record UkiBootFiles(string Stub, string SystemdBoot, int Version)
{
    /// <summary>The oldest systemd whose stub and boot menu know multi-profile UKIs (.profile sections, the entries' <c>profile</c> key).</summary>
    public const int MultiProfileVersion = 257;

    public static async Task<UkiBootFiles> ResolveAsync(UkiLayout layout, string root, bool inSource, CancellationToken cancellationToken)
    {
        if (!inSource)
        {
            return new UkiBootFiles(layout.Stub, layout.SystemdBoot, VersionOf(layout.Stub, "systemd-stub"));
        }

        var measure = await MeasureVersionAsync(cancellationToken);
        var stub = InImage(root, layout.Stub, "stub");
        var boot = InImage(root, layout.SystemdBoot, "boot manager");
        var version = VersionOf(stub, "systemd-stub");
        return version == measure
            ? new UkiBootFiles(stub, boot, version)
            : throw MediaException.Input($"--sdboot-in-source: the image's {layout.Stub} is systemd-stub {version}, this machine's systemd-measure is {measure}: "
                + "PCR 11 is predicted by the systemd-measure of the stub's own version (other versions measure other sections); build on a machine with systemd " + version + " or leave out --sdboot-in-source");
    }

    /// <summary>The systemd major version in a systemd-boot binary's "#### LoaderInfo: systemd-stub 252.39-1~deb12u2 ####".</summary>
    public static int VersionOf(string file, string component)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(file));
        var match = Regex.Match(text, "#### LoaderInfo: " + Regex.Escape(component) + @" (\d+)");
        return match.Success
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw MediaException.Input($"{file}: not a {component} binary (no LoaderInfo string)");
    }

    private static async Task<int> MeasureVersionAsync(CancellationToken cancellationToken)
    {
        var output = await MediaTool.RunAsync(PcrPolicy.Measure, ["--version"], cancellationToken, "reading systemd-measure's version");
        var match = FirstNumber().Match(output);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new MediaException($"{PcrPolicy.Measure} --version: no version in '{output.Trim()}'");
    }

    private static string InImage(string root, string path, string what)
    {
        var file = ImageFiles.InRoot(root, path);
        return file is not null && File.Exists(file)
            ? file
            : throw MediaException.Input($"--sdboot-in-source: the image has no {path} (systemd-boot's {what}): install systemd-boot-efi in the image, or leave out --sdboot-in-source to use this machine's");
    }

    [GeneratedRegex(@"systemd (\d+)")]
    private static partial Regex FirstNumber();
}
