using System.Text.RegularExpressions;
using Kairos.Stages.Tests.EndToEnd;
using Kairos.Stages.Tests.Examples;

namespace Kairos.Stages.Tests.Containers;

/// <summary>
/// The local <c>kairos-stages</c> image, made the way the project's Dockerfile makes it without its
/// unreachable SDK image: the published binary, artifacts/ filled by the Dockerfile's own
/// <c>artifacts fetch</c> command (from stand-ins served on 127.0.0.1), and the Dockerfile's final
/// <c>FROM scratch</c> stage with its <c>COPY --from=build /out/…</c> lines pointed at those files.
/// </summary>
internal static partial class KairosStagesImage
{
    public const string Tag = "localhost/kairos-stages:latest";

    /// <summary>Builds the image into <paramref name="podman"/>'s store; returns the artifact file names it holds.</summary>
    public static IReadOnlyList<string> Build(PodmanStorage podman) => Build(podman, PublishedBinary.Path, null);

    /// <summary>
    /// The same image around <paramref name="binary"/> for <paramref name="arch"/> (e.g. arm64): built with
    /// <c>--platform linux/ARCH</c>, which labels the scratch image with that architecture, and holding that architecture's artifacts.
    /// </summary>
    public static IReadOnlyList<string> Build(PodmanStorage podman, string binary, string? arch)
    {
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryDirectory, "Dockerfile"));
        var context = Directory.CreateDirectory(Path.Combine(podman.Scratch, "kairos-stages-context")).FullName;
        File.Copy(binary, Path.Combine(context, "kairos-stages"));
        FetchArtifacts(dockerfile, Path.Combine(context, "artifacts"), arch);
        File.WriteAllText(Path.Combine(context, "Containerfile"), FinalStage(dockerfile));
        string[] platform = arch is null ? [] : ["--platform", $"linux/{arch}"];
        podman.Check(["build", "--pull=never", .. platform, "-t", Tag, "-f", Path.Combine(context, "Containerfile"), context]);
        return [.. Directory.GetFiles(Path.Combine(context, "artifacts")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!];
    }

    public static string RepositoryDirectory => ExampleCases.RepositoryDirectory;

    /// <summary>The Dockerfile's last stage as a Containerfile whose context holds kairos-stages and artifacts/.</summary>
    public static string FinalStage(string dockerfile)
    {
        var instructions = DockerfileReader.Read(dockerfile);
        var last = instructions.Select((instruction, index) => (instruction, index)).Last(i => i.instruction.Keyword == "FROM");
        if (last.instruction.Arguments != "scratch")
        {
            throw new InvalidOperationException($"Dockerfile:{last.instruction.Line}: the final stage is FROM {last.instruction.Arguments}, not FROM scratch");
        }

        return string.Join('\n', instructions.Skip(last.index).Select(i => i.Keyword switch
        {
            "COPY" when CopyFromBuild().Match(i.Arguments) is { Success: true } copy => $"COPY {copy.Groups["source"].Value} {copy.Groups["target"].Value}",
            "COPY" => throw new InvalidOperationException($"Dockerfile:{i.Line}: COPY {i.Arguments} does not copy from the build stage's /out"),
            _ => $"{i.Keyword} {i.Arguments}",
        })) + "\n";
    }

    /// <summary>
    /// The Dockerfile's prefetch command (<c>/out/kairos-stages artifacts fetch …</c>), run with the published binary against a
    /// mirror of stand-ins. With <paramref name="arch"/>, <c>--arch ARCH</c>: without it the tool takes the architecture
    /// of its root's /bin/sh: the build stage's (arm64 under <c>--platform linux/arm64</c>) in the Dockerfile, this machine's here.
    /// </summary>
    public static void FetchArtifacts(string dockerfile, string destination, string? arch = null)
    {
        string[] target = arch is null ? [] : ["--arch", arch];
        var run = DockerfileReader.Read(dockerfile).Select(i => FetchCommand().Match(i.Arguments)).Single(m => m.Success);
        var arguments = run.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(a => a == "/out/artifacts" ? destination : a)
            .ToList();
        Directory.CreateDirectory(destination);
        var stand = Directory.CreateTempSubdirectory("ks-stand-ins-").FullName;
        try
        {
            var list = Programs.Run([PublishedBinary.Path, "artifacts", "list", "--all", .. target]);
            File.WriteAllText(Path.Combine(stand, "list.tsv"), list);
            Programs.Run("bash", "-c", "python3 \"$0\" \"$1\" < \"$1/list.tsv\"", Path.Combine(RepositoryDirectory, "build/stand-in-artifacts.py"), stand);
            File.Delete(Path.Combine(stand, "list.tsv"));
            using var mirror = new StaticFileServer(stand);
            Programs.Run([PublishedBinary.Path, .. arguments, .. target, "--artifacts-mirror", mirror.BaseUrl]);
        }
        finally
        {
            Directory.Delete(stand, recursive: true);
        }
    }

    [GeneratedRegex(@"^--from=build /out/(?<source>\S+) (?<target>/\S*)$")]
    private static partial Regex CopyFromBuild();

    [GeneratedRegex(@"/out/kairos-stages (?<args>artifacts fetch [^;]*?);")]
    private static partial Regex FetchCommand();
}
