using System.Text.RegularExpressions;
using Kairos.Stages.Engine.Pipeline;

namespace Kairos.Stages.Media;

/// <summary>
/// A media command's SOURCE as a local container image, read through an engine on this machine:
/// <c>docker:NAME</c> from the Docker daemon (the one DOCKER_HOST names, else the default socket);
/// a bare NAME from podman's store (a rootless user's, or the one CONTAINERS_STORAGE_CONF names), else
/// the Docker daemon when it answers. The image is saved to an archive for skopeo and umoci; nothing is ever pulled.
/// </summary>
public static partial class LocalImage
{
    /// <summary>Refuses what is no image reference before any tool sees it (exit 2).</summary>
    public static void CheckName(string source, string name)
    {
        if (!Reference().IsMatch(name))
        {
            throw MediaException.Input($"source {source}: not {ImageSourceResolver.Grammar} (image names: letters, digits and . _ / : @ + -)");
        }
    }

    /// <summary>
    /// Saves <paramref name="name"/> with <paramref name="engine"/> ("docker"), or with the engine the machine has
    /// (null) into <paramref name="directory"/>; returns the archive's path. Bad names, no engine, no such image: exit 2.
    /// </summary>
    public static async Task<string> SaveAsync(string source, string name, string? engine, string directory, Action<string> log, CancellationToken cancellationToken)
    {
        CheckName(source, name);
        if (engine == "docker")
        {
            engine = await DockerAnswersAsync(cancellationToken) ? "docker"
                : throw MediaException.Input($"source {source}: docker:NAME reads the Docker daemon's images, and no daemon answers 'docker info' here ({DaemonAddress()}): start dockerd or set DOCKER_HOST, or save the image and use ocifile:PATH");
        }
        else
        {
            engine = await EngineAsync(cancellationToken)
                ?? throw MediaException.Input($"source {source}: an image name needs podman, or docker with its daemon running, and neither is here; save the image and use ocifile:PATH, give dir:PATH, or read a registry with oci:NAME");
        }

        string[] exists = engine == "podman" ? ["image", "exists", name] : ["image", "inspect", "--format", "{{.Id}}", name];
        var found = await Run(engine, exists, cancellationToken);
        if (found.ExitCode == 1)
        {
            var store = engine == "podman" ? "podman's local store" : $"the Docker daemon's images ({DaemonAddress()})";
            throw MediaException.Input($"source {source}: no image named '{name}' in {store} ('{engine} images' lists them; docker: and bare names are never pulled): build or pull it first, read a registry with oci:NAME, or use dir:PATH or ocifile:PATH");
        }

        if (found.ExitCode != 0)
        {
            throw new MediaException($"source {source}: '{engine} {string.Join(' ', exists)}' exited {found.ExitCode}: {found.Output.Trim()}");
        }

        var archive = Path.Combine(directory, "image.tar");
        log($"saving local image {name} with {engine}");
        string[] save = engine == "podman" ? ["save", "--format", "oci-archive", "-o", archive, name] : ["save", "-o", archive, name];
        await MediaTool.RunAsync(engine, save, cancellationToken, $"saving the local image '{name}' with {engine}");
        return archive;
    }

    /// <summary>podman when it is on PATH; docker when it is on PATH and its daemon answers; else null.</summary>
    private static async Task<string?> EngineAsync(CancellationToken cancellationToken) =>
        Target.Platform.ProgramLookup.Find("podman") is not null ? "podman"
        : await DockerAnswersAsync(cancellationToken) ? "docker"
        : null;

    private static async Task<bool> DockerAnswersAsync(CancellationToken cancellationToken)
    {
        if (Target.Platform.ProgramLookup.Find("docker") is null)
        {
            return false;
        }

        return (await Run("docker", ["info", "--format", "{{.ServerVersion}}"], cancellationToken)).Succeeded;
    }

    /// <summary>An engine's question: its exit code is the answer (the engine is on PATH, so it starts).</summary>
    private static async Task<Target.Platform.CommandResult> Run(string engine, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            return await Target.Platform.ProgramRunner.RunAsync(new Target.Platform.ProgramCall(engine, arguments), cancellationToken);
        }
        catch (Target.Platform.ProgramException e)
        {
            throw new MediaException(e.Message, ExitCodes.Failed, e);
        }
    }

    private static string DaemonAddress() => Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 } host ? $"DOCKER_HOST={host}" : "unix:///var/run/docker.sock";

    // what podman, docker and skopeo take as an image reference; a leading '-' (an option to the engine), spaces or shell characters never reach a tool
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$")]
    internal static partial Regex Reference();
}
