using Kairos.Stages.Media.Uki;

namespace Kairos.Factory.Tests.Support;

/// <summary>
/// The set-up of the Factory's Trusted Boot builds through Docker: the operator's key set (genkey's library code) in
/// <c>SCRATCH/keys</c>, the suite's debootstrap root imported into the daemon as the given base image (also the
/// tools base), and a real server with <c>--uki-keys</c> and the given docker client and flags, answering and authorised.
/// </summary>
internal static class KeyedDockerServer
{
    /// <summary>
    /// The one xunit collection of the tests using it: they share the Docker daemon, and one asserts that its build
    /// left no tools image while the other's dockerd build makes one (run side by side, the first saw the second's).
    /// </summary>
    public const string Collection = "Factory builds through Docker with keys";

    public static async Task<(FactoryServer Server, string Keys)> StartAsync(string scratch, string baseImage, string keyName, string docker, string artifacts, string[] flags, CancellationToken cancellation)
    {
        var keys = Path.Combine(scratch, "keys");
        await SecureBootKeys.GenerateAsync(keyName, keys, 30, null, _ => { }, cancellation);
        var tarball = DebianBase.CreateRootTarball(scratch);
        DockerDaemon.Run("import", tarball, baseImage);
        File.Delete(tarball);
        var server = new FactoryServer(Path.Combine(scratch, "data"), ["--builder", "docker", "--docker", docker, .. flags, "--workers", "1",
            "--kairos-stages", DebianBase.Binary!, "--artifacts-dir", artifacts, "--uki-keys", keys, "--tools-base", baseImage]);
        try
        {
            await server.WaitReadyAsync(TimeSpan.FromSeconds(90));
            server.Authorize();
            return (server, keys);
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }
}
