using System.Text.RegularExpressions;
using CliWrap;
using CliWrap.Buffered;

namespace Kairos.Stages.Media;

/// <summary>
/// build-iso's SOURCE as a local container image name, read through the engine the machine has:
/// podman (its own store: a rootless user's, or the one CONTAINERS_STORAGE_CONF names), else docker
/// when its daemon answers. The image is saved to an archive for skopeo and umoci; nothing is ever pulled.
/// </summary>
public static partial class LocalImage
{
    /// <summary>Saves <paramref name="name"/> into <paramref name="directory"/>; returns the archive's path. Bad names, no engine, no such image: exit 2.</summary>
    public static async Task<string> SaveAsync(string name, string directory, Action<string> log, CancellationToken cancellationToken)
    {
        if (!Reference().IsMatch(name))
        {
            throw MediaException.Input($"source {name}: not dir:PATH, ocifile:PATH or a container image name (letters, digits and . _ / : @ + -)");
        }

        var engine = await EngineAsync(cancellationToken)
            ?? throw MediaException.Input($"source {name}: an image name needs podman, or docker with its daemon running, and neither is here; save the image and use ocifile:PATH, or give dir:PATH");
        string[] exists = engine == "podman" ? ["image", "exists", name] : ["image", "inspect", "--format", "{{.Id}}", name];
        var found = await Cli.Wrap(engine).WithArguments(exists).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        if (found.ExitCode == 1)
        {
            throw MediaException.Input($"source {name}: no image named '{name}' in {engine}'s local store ('{engine} images' lists them; build-iso never pulls): build or pull it first, or use dir:PATH or ocifile:PATH");
        }

        if (found.ExitCode != 0)
        {
            throw new MediaException($"source {name}: '{engine} {string.Join(' ', exists)}' exited {found.ExitCode}: {(found.StandardError + found.StandardOutput).Trim()}");
        }

        var archive = Path.Combine(directory, "image.tar");
        log($"saving local image {name} with {engine}");
        string[] save = engine == "podman" ? ["save", "--format", "oci-archive", "-o", archive, name] : ["save", "-o", archive, name];
        await MediaTool.RunAsync(engine, save, cancellationToken, $"saving the local image '{name}' with {engine}");
        return archive;
    }

    /// <summary>podman when it is on PATH; docker when it is on PATH and its daemon answers; else null.</summary>
    private static async Task<string?> EngineAsync(CancellationToken cancellationToken)
    {
        if (OnPath("podman"))
        {
            return "podman";
        }

        if (!OnPath("docker"))
        {
            return null;
        }

        var info = await Cli.Wrap("docker").WithArguments(["info", "--format", "{{.ServerVersion}}"]).WithValidation(CommandResultValidation.None).ExecuteBufferedAsync(cancellationToken);
        return info.ExitCode == 0 ? "docker" : null;
    }

    private static bool OnPath(string program) => Platform.ProgramLookup.Find(program) is not null;

    // what podman and docker take as an image reference; a leading '-' (an option to the engine), spaces or shell characters never reach a tool
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._/:@+-]*$")]
    private static partial Regex Reference();
}
