using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Planning;

/// <summary>
/// Which part of a build reads the Kairos version. Only the init step <see cref="Step"/> does (it writes
/// /etc/kairos-release). The init work before it that no version changes, the initrd above all, may run on a line of
/// its own above a Dockerfile's <c>ARG VERSION</c>, so a build that changes only the version takes that layer from the
/// cache as well as install's:
/// <code>
/// RUN kairos-stages run --stage init --only-steps before-init,kernel,initramfsConfigs,initrd
/// ARG VERSION
/// RUN kairos-stages run --stage init --skip-steps before-init,kernel,initramfsConfigs,initrd --version "$VERSION"
/// </code>
/// The second line runs the rest in kairos-init's order; kairos-release is then written after the initrd instead of
/// before it, which changes nothing: none of these steps reads it (a test renders them for two versions and checks).
/// </summary>
public static class VersionLine
{
    /// <summary>The init step that stamps the version into /etc/kairos-release.</summary>
    public const string Step = "kairosRelease";

    /// <summary>The init phase's stages and steps, in order, that neither read the version nor what <see cref="Step"/> writes.</summary>
    public static IReadOnlyList<string> VersionFreeInit { get; } = ["before-init", "kernel", "initramfsConfigs", "initrd"];

    /// <summary>
    /// True when a run of <paramref name="selector"/> with these <c>--skip-steps</c> and <c>--only-steps</c> names
    /// reaches <see cref="Step"/>, so it needs <c>--version</c>. Decided on the names alone (an install-only run, a skip
    /// of the step or of the init phase, an only-list that names neither), before any file is read.
    /// </summary>
    public static bool NeedsVersion(string selector, IEnumerable<string> skipSteps, IEnumerable<string> onlySteps)
    {
        if (BuildStages.Select(selector) is { } stages && !stages.Contains("init"))
        {
            return false;
        }

        var skip = Names(skipSteps);
        var only = Names(onlySteps);
        var selects = (HashSet<string> names) => names.Contains(Step) || names.Contains("init");
        return !selects(skip) && (only.Count == 0 || selects(only));
    }

    private static HashSet<string> Names(IEnumerable<string> values) =>
        new(values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)), StringComparer.OrdinalIgnoreCase);
}
