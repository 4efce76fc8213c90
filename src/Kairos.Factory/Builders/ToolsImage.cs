using System.Security.Cryptography;
using System.Text;
using Kairos.Factory.Jobs;

namespace Kairos.Factory.Builders;

/// <summary>
/// The image every build's media stage runs in (<c>tools.Containerfile</c>, shipped in this assembly): the operator's
/// Debian 12 base (<c>serve --tools-base</c>) with build/install-deps.sh's factory packages installed by apt and the
/// server's kairos-stages. Built by the build's own engine the first time a build asks for media, then taken from the
/// engine's images: its tag is a hash of the Containerfile, install-deps.sh, the binary and the base's image ID.
/// </summary>
public static class ToolsImage
{
    public const string Repository = "localhost/kairos-factory/tools";

    /// <summary>Where kairos-stages is in the tools image.</summary>
    public const string Binary = "/usr/local/bin/kairos-stages";

    public static string Resource(string name)
    {
        using var stream = typeof(ToolsImage).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"the Factory was built without its resource {name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The tools image's name for <paramref name="baseId"/> and the server's binary.</summary>
    public static string Tag(string baseId, string binary)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var part in new[] { Resource("tools.Containerfile"), Resource("install-deps.sh"), baseId })
        {
            hash.AppendData(Encoding.UTF8.GetBytes(part + "\0"));
        }

        using (var stream = File.OpenRead(binary))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }

        return Repository + ":" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>The name of the tools stage inside a build's own Containerfile (<see cref="InlineStage"/>).</summary>
    public const string Stage = "tools";

    private const string FromLine = "FROM ${TOOLS_BASE}";

    /// <summary>
    /// tools.Containerfile as a stage of a build's own Containerfile, <c>FROM --platform=$BUILDPLATFORM <paramref name="toolsBase"/> AS tools</c>
    /// (a buildx builder elsewhere cannot read the server's tools image: it builds and caches this stage itself). The
    /// stage reads install-deps.sh and kairos-stages from the build's context (<see cref="WriteInputs"/>).
    /// </summary>
    public static string InlineStage(string toolsBase)
    {
        var lines = Resource("tools.Containerfile").Split('\n').Where(line => line.Length > 0 && !line.StartsWith('#') && line != "ARG TOOLS_BASE").ToList();
        var from = lines.IndexOf(FromLine);
        if (from < 0)
        {
            throw new InvalidOperationException($"tools.Containerfile has no line '{FromLine}'");
        }

        lines[from] = $"FROM {MediaStage.BuildPlatform}{toolsBase} AS {Stage}";
        return "# the tools the media stages run with (tools.Containerfile), built by the builder itself\n" + string.Join('\n', lines) + "\n";
    }

    /// <summary>Writes what tools.Containerfile copies (install-deps.sh, and kairos-stages unless it is there) into <paramref name="directory"/>.</summary>
    public static void WriteInputs(string directory, string binary)
    {
        File.WriteAllText(Path.Combine(directory, "install-deps.sh"), Resource("install-deps.sh"));
        if (!File.Exists(Path.Combine(directory, "kairos-stages")))
        {
            File.Copy(binary, Path.Combine(directory, "kairos-stages"));
        }
    }

    /// <summary>Writes the tools image's build context (Containerfile, install-deps.sh, kairos-stages) under the job's work dir.</summary>
    public static string WriteContext(BuildJobContext context)
    {
        var directory = Directory.CreateDirectory(Path.Combine(context.WorkDir, "tools")).FullName;
        File.WriteAllText(Path.Combine(directory, "Containerfile"), Resource("tools.Containerfile"));
        WriteInputs(directory, context.Options.KairosStagesBinary);
        return directory;
    }

    /// <summary>The tools image in podman's shared <paramref name="store"/>, built there when it is missing.</summary>
    public static async Task<string> EnsurePodmanAsync(BuildJobContext context, IReadOnlyList<string> store)
    {
        var podman = context.Options.Podman;
        var toolsBase = context.Options.ToolsBase;
        await PodmanBuilder.BringBaseAsync(context, [.. store], toolsBase, "tools");
        var baseId = (await context.Processes.OutputOfAsync("tools", podman, [.. store, "image", "inspect", "--format", "{{.Id}}", toolsBase])).Trim();
        var tag = Tag(baseId, context.Options.KairosStagesBinary);
        if (await ExistsAsync(context, podman, [.. store, "image", "exists", tag]))
        {
            context.Log.Write("tools", $"{tag} is in the build store");
            return tag;
        }

        var directory = WriteContext(context);
        await context.Processes.RunAsync("tools", podman,
            [.. store, "build", "--isolation", "chroot", "--network", "host", "--pull=never", "--layers", "--build-arg", "TOOLS_BASE=" + toolsBase, "--tag", tag, "--file", Path.Combine(directory, "Containerfile"), directory]);
        Directory.Delete(directory, recursive: true);
        return tag;
    }

    /// <summary>The tools image in the Docker daemon, built there (BuildKit) when it is missing.</summary>
    public static async Task<string> EnsureDockerAsync(BuildJobContext context)
    {
        var docker = context.Options.Docker;
        var toolsBase = context.Options.ToolsBase;
        string baseId;
        try
        {
            baseId = (await context.Processes.OutputOfAsync("tools", docker, ["image", "inspect", "--format", "{{.Id}}", toolsBase])).Trim();
        }
        catch (StepFailedException)
        {
            throw new StepFailedException($"tools: the tools image's base '{toolsBase}' (serve --tools-base) is not in the Docker daemon's images (the Factory never pulls: docker load or docker import it first)");
        }

        var tag = Tag(baseId, context.Options.KairosStagesBinary);
        if (await ExistsAsync(context, docker, ["image", "inspect", "--format", "{{.Id}}", tag]))
        {
            context.Log.Write("tools", $"{tag} is in the Docker daemon");
            return tag;
        }

        var directory = WriteContext(context);
        await context.Processes.RunAsync("tools", docker,
            ["build", "--progress", "plain", "--network", "host", "--build-arg", "TOOLS_BASE=" + toolsBase, "--tag", tag, "--file", Path.Combine(directory, "Containerfile"), directory],
            environment: DockerBuilder.BuildKit);
        Directory.Delete(directory, recursive: true);
        return tag;
    }

    private static async Task<bool> ExistsAsync(BuildJobContext context, string program, IReadOnlyList<string> arguments)
    {
        try
        {
            await context.Processes.OutputOfAsync("tools", program, arguments);
            return true;
        }
        catch (StepFailedException)
        {
            return false;
        }
    }
}
