using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Semver;

namespace Kairos.Stages.Target.Context;

/// <summary>Validates and normalises <c>--version</c> (and a Factory request's version) the way kairos-init stamps it into kairos-release.</summary>
public static partial class KairosVersion
{
    /// <summary>
    /// The texts <see cref="TryNormalize"/> takes, as a regular expression every client can apply (.NET and
    /// JavaScript read it alike; the Factory serves it to its page): what the Semver package parses with kairos-init's
    /// leniencies, with each number at most 9 digits after its leading zeros (so it always fits the package's int).
    /// </summary>
    public const string Pattern = @"^v?0*[0-9]{1,9}(\.0*[0-9]{1,9}(\.0*[0-9]{1,9})?)?(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$";

    /// <summary>A version that passes, for hints and error messages.</summary>
    public const string Example = "1.2.3, v1.2.3 or 1.2.3-rc1+build";

    /// <summary>
    /// SemVer 2.0, read by the Semver package, with kairos-init's leniencies: an optional lower-case <c>v</c>,
    /// minor and patch optional, leading zeros dropped. Returns the canonical text with a <c>v</c> prefix:
    /// <c>1.0</c> ⇒ <c>v1.0.0</c>, <c>v3.2.1-rc1+x</c> unchanged.
    /// </summary>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out string? normalized, [NotNullWhen(false)] out string? error)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(input))
        {
            error = "--version is required: the Kairos OS version to stamp into /etc/kairos-release, e.g. 1.2.3 or v1.2.3-rc1";
            return false;
        }

        if (!Shape().IsMatch(input) || !SemVersion.TryParse(input, SemVersionStyles.AllowLowerV | SemVersionStyles.OptionalMinorPatch | SemVersionStyles.AllowLeadingZeros, out var version))
        {
            error = $"invalid --version '{input}': malformed version; expected a semantic version such as {Example}";
            return false;
        }

        // the Kairos upgrade checker rejects versions without the v prefix
        normalized = "v" + version;
        error = null;
        return true;
    }

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
