using System.Net;
using System.Net.Sockets;

namespace Kairos.Factory.Tests;

/// <summary>
/// <c>kairos-factory serve</c> refuses bad flags and an unusable data dir or port with one line naming the flag and a
/// non-zero exit, before it writes anything; a missing kairos-stages is reported at start and by /readyz.
/// </summary>
public sealed class ServeStartupTests
{
    private static readonly TimeSpan ExitWithin = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--builder", "buildx", "--builder 'buildx' is not one of podman, docker")]
    [InlineData("--builder", "chroot", "--builder 'chroot' is not one of podman, docker")]
    [InlineData("--retention-hours", "-1", "--retention-hours must be between")]
    [InlineData("--retention-hours", "0", "--retention-hours must be between")]
    [InlineData("--retention-hours", "1e12", "--retention-hours must be between")]
    [InlineData("--retention-hours", "NaN", "--retention-hours must be between")]
    [InlineData("--workers", "0", "--workers must be between 1 and 64")]
    [InlineData("--workers", "65", "--workers must be between 1 and 64")]
    [InlineData("--kairos-stages-for", "s390x=/bin/sh", "--kairos-stages-for 's390x=/bin/sh' is not ARCH=PATH with ARCH one of amd64, arm64")]
    [InlineData("--kairos-stages-for", "amd64=/bin/sh", "--kairos-stages-for amd64: amd64 is this machine's architecture; --kairos-stages names its binary")]
    [InlineData("--kairos-stages-for", "arm64=", "--kairos-stages-for 'arm64=' is not ARCH=PATH with ARCH one of amd64, arm64")]
    [InlineData("--kairos-stages-for", "arm64=/etc/os-release", "--kairos-stages-for arm64: '/etc/os-release' is not a readable ELF program, not arm64")]
    [InlineData("--uki-keys", "/nonexistent-kf-keys", "--uki-keys '/nonexistent-kf-keys': --keys: directory '/nonexistent-kf-keys' does not exist")]
    public async Task A_bad_flag_exits_2_naming_it_and_creates_no_data_dir(string flag, string value, string message)
    {
        var scratch = Directory.CreateTempSubdirectory("kf-serve-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        try
        {
            using var server = new FactoryServer(dataDir, flag, value);

            await AssertRefusedAsync(server, 2, "kairos-factory: " + message);
            Assert.False(Directory.Exists(dataDir), "the data dir was created");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_dir_that_is_a_file_exits_2_and_the_file_is_unchanged()
    {
        var scratch = Directory.CreateTempSubdirectory("kf-serve-").FullName;
        var file = Path.Combine(scratch, "data");
        File.WriteAllText(file, "not a directory\n");
        try
        {
            using var server = new FactoryServer(file);

            await AssertRefusedAsync(server, 2, $"kairos-factory: --data-dir '{file}' is a file, not a directory");
            Assert.Equal("not a directory\n", File.ReadAllText(file));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_data_dir_that_cannot_be_created_exits_1_naming_it_without_a_stack_trace()
    {
        var scratch = Directory.CreateTempSubdirectory("kf-serve-").FullName;
        var blocker = Path.Combine(scratch, "blocker");
        File.WriteAllText(blocker, "");
        var dataDir = Path.Combine(blocker, "data"); // under a regular file: mkdir fails with ENOTDIR
        try
        {
            using var server = new FactoryServer(dataDir);

            await AssertRefusedAsync(server, 1, $"kairos-factory: --data-dir '{dataDir}': ");
            Assert.Equal(["blocker"], Directory.GetFileSystemEntries(scratch).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_port_in_use_exits_1_naming_the_address_before_the_data_dir_is_made()
    {
        var scratch = Directory.CreateTempSubdirectory("kf-serve-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        try
        {
            using var server = new FactoryServer(port, dataDir);

            await AssertRefusedAsync(server, 1, $"kairos-factory: cannot listen on 127.0.0.1:{port}: ");
            Assert.False(Directory.Exists(dataDir), "the data dir was created");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_kairos_stages_is_warned_at_start_and_makes_readyz_503_naming_it()
    {
        var scratch = Directory.CreateTempSubdirectory("kf-serve-").FullName;
        const string missing = "/nonexistent/kairos-stages";
        try
        {
            using var server = new FactoryServer(Path.Combine(scratch, "data"), "--builder", "fixture", "--kairos-stages", missing);
            var deadline = DateTime.UtcNow + ExitWithin;
            HttpResponseMessage? ready = null;
            while (ready is null)
            {
                Assert.True(DateTime.UtcNow < deadline, "the server never answered:\n" + server.Output);
                try
                {
                    ready = await server.Client.GetAsync("/api/v1/readyz");
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(200);
                }
            }

            using (ready)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
                Assert.Contains($"\"kairos_stages\":\"not found: {missing}", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            Assert.Contains($"kairos-stages not found ({missing})", server.Output, StringComparison.Ordinal);
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    /// <summary>The server exits by itself with <paramref name="exitCode"/>, saying <paramref name="message"/> in one line, not a stack trace.</summary>
    internal static async Task AssertRefusedAsync(FactoryServer server, int exitCode, string message)
    {
        Assert.True(await server.WaitForExitAsync(ExitWithin), "the server started anyway:\n" + server.Output);
        Assert.Equal(exitCode, server.ExitCode);
        Assert.Contains(message, server.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", server.Output, StringComparison.Ordinal);
    }
}
