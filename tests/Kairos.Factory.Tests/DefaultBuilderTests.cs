using Kairos.Factory.Commands;

namespace Kairos.Factory.Tests;

/// <summary>The builder a server started without --builder picks from what the machine (or the Factory image) has.</summary>
public sealed class DefaultBuilderTests
{
    [Theory]
    [InlineData("podman docker", null, true, "podman")] // podman where it is
    [InlineData("docker", null, true, "docker")] // the Factory image run with -v /var/run/docker.sock:/var/run/docker.sock
    [InlineData("docker", "unix:///run/other.sock", false, "docker")] // a daemon named by DOCKER_HOST
    [InlineData("docker", "", false, null)] // a client but no daemon to reach
    [InlineData("", "unix:///run/other.sock", true, null)] // a daemon but no client
    [InlineData("", null, false, null)]
    public void Podman_first_then_docker_with_a_reachable_daemon_then_none(string programs, string? dockerHost, bool socket, string? expected)
    {
        // arrange
        var found = programs.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? asked = null;

        // act
        var picked = DefaultBuilder.Pick(found.Contains, "docker", dockerHost, path => (asked = path) is not null && socket);

        // assert
        Assert.Equal(expected, picked);
        Assert.True(asked is null or DefaultBuilder.DockerSocket, asked);
    }

    [Fact]
    public void The_docker_client_named_by_serve_docker_is_the_one_looked_for()
    {
        // act
        var picked = DefaultBuilder.Pick(program => program == "/usr/bin/docker", "/usr/bin/docker", null, _ => true);
        var other = DefaultBuilder.Pick(program => program == "docker", "/usr/bin/docker", null, _ => true);

        // assert
        Assert.Equal("docker", picked);
        Assert.Null(other);
    }
}
