using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Kairos.Factory.Api;
using Kairos.Stages.Target.Context;
using Kairos.Stages.Target.Platform;

namespace Kairos.Factory.Commands;

/// <summary>serve's options that name files: the kairos-stages binaries for other architectures, the TLS certificate.</summary>
public static partial class ServeCommand
{
    private static Option<string[]> ForeignBinariesOption() => new("--kairos-stages-for")
    {
        Description = "ARCH=PATH: the kairos-stages binary that runs inside images of another architecture than this machine's, e.g. arm64=out/linux-arm64/kairos-stages (bash build/publish.sh linux-arm64); without one, requests for ARCH are refused (repeatable)",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>Reads <c>--kairos-stages-for</c> values: a known architecture, once each, an ELF file of that architecture.</summary>
    private static string? ParseForeignBinaries(IEnumerable<string> values, out Dictionary<string, string> binaries)
    {
        binaries = new Dictionary<string, string>(StringComparer.Ordinal);
        // the catalog is read only when the flag is given: a plain start reads no data file for it
        var architectures = new Lazy<IReadOnlyList<string>>(() => FactoryCatalog.LoadBundled().Architectures);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var architecture = equals > 0 ? value[..equals] : "";
            if (!architectures.Value.Contains(architecture) || equals == value.Length - 1)
            {
                return $"--kairos-stages-for '{value}' is not ARCH=PATH with ARCH one of {string.Join(", ", architectures.Value)}";
            }

            if (architecture == ForeignPrograms.HostArchitecture())
            {
                return $"--kairos-stages-for {architecture}: {architecture} is this machine's architecture; --kairos-stages names its binary";
            }

            var path = Path.GetFullPath(value[(equals + 1)..]);
            if (ElfArch.FromFile(path) is var found && found != architecture)
            {
                return $"--kairos-stages-for {architecture}: '{path}' is {(found is null ? "not a readable ELF program" : $"built for {found}")}, not {architecture}";
            }

            if (!binaries.TryAdd(architecture, path))
            {
                return $"--kairos-stages-for {architecture} is given twice";
            }
        }

        return null;
    }

    /// <summary>The <c>--tls-cert</c>/<c>--tls-key</c> pair, loaded; a problem when only one is given or they do not load.</summary>
    private static string? LoadCertificate(string? certFile, string? keyFile, out X509Certificate2? certificate)
    {
        certificate = null;
        if ((certFile is null) != (keyFile is null))
        {
            return "--tls-cert and --tls-key go together";
        }

        try
        {
            certificate = certFile is null ? null : X509Certificate2.CreateFromPemFile(certFile, keyFile);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            return $"--tls-cert '{certFile}' / --tls-key: {exception.Message}";
        }
    }
}
