using Kairos.Factory.Builders;

namespace Kairos.Factory.Commands;

/// <summary>
/// The builder of a server started without <c>--builder</c>: podman where it is on PATH; else docker where the
/// docker client is on PATH and a daemon is named (DOCKER_HOST) or mounted at /var/run/docker.sock (the Factory
/// image run with the documents' <c>-v /var/run/docker.sock:/var/run/docker.sock</c>); else none (serve refuses to start without an engine).
/// </summary>
public static class DefaultBuilder
{
    /// <summary>The socket the Docker client uses when DOCKER_HOST is not set, and the path the documents mount.</summary>
    public const string DockerSocket = "/var/run/docker.sock";

    /// <param name="onPath">whether a program (a name or a path) is found</param>
    /// <param name="docker">the docker builder's client (serve --docker)</param>
    /// <param name="dockerHost">the DOCKER_HOST of the server's environment</param>
    /// <param name="exists">whether a file exists (the socket)</param>
    public static string? Pick(Func<string, bool> onPath, string docker, string? dockerHost, Func<string, bool> exists) =>
        onPath("podman") ? PodmanBuilder.Engine
        : onPath(docker) && (dockerHost is { Length: > 0 } || exists(DockerSocket)) ? DockerBuilder.Engine
        : null;

    /// <summary>Why a server started without <c>--builder</c> has no engine to build with.</summary>
    public static string NoEngine(string docker) =>
        $"no container engine to build with: podman is not on PATH, and docker ('{docker}') is not on PATH or has no daemon (DOCKER_HOST unset, no {DockerSocket}); install one, or name it with --builder";
}
