using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Kairos.Factory.Api;
using Kairos.Factory.Jobs;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests;

/// <summary>
/// Cancel on a real build: the published kairos-stages on a debootstrap'd Debian 12 root (chroot builder), cancelled
/// a few seconds into dracut (the init step's initrd, where a cancel once left the job running). Every process of the build ends (in the
/// chroot or not), the mounts are undone, the job is cancelled, and the server still stops on SIGTERM.
/// </summary>
[Slow(SlowKind.Chroot)]
public sealed partial class ChrootCancelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Cancelling_a_real_chroot_build_mid_step_stops_every_process_undoes_mounts_and_the_server_still_stops_on_SIGTERM()
    {
        if (DebianBase.Unavailable() is { } reason)
        {
            Assert.Skip(reason);
        }

        // arrange: a real Debian 12 root, offline artifacts, a real server process running the real binary
        var scratch = Directory.CreateTempSubdirectory("kf-chroot-cancel-").FullName;
        var dataDir = Path.Combine(scratch, "data");
        try
        {
            var tarball = DebianBase.CreateRootTarball(scratch);
            var artifacts = DebianBase.CreateStandInArtifacts(scratch);
            using var server = new FactoryServer(dataDir, "--builder", "chroot", "--workers", "1", "--kairos-stages", DebianBase.Binary!, "--artifacts-dir", artifacts);
            await server.WaitReadyAsync(Timeout);
            server.Authorize();
            string upload;
            await using (var file = File.OpenRead(tarball))
            {
                using var content = new StreamContent(file);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-tar");
                using var uploaded = await server.Client.PostAsync("/api/v1/uploads", content);
                uploaded.EnsureSuccessStatusCode();
                upload = (await uploaded.Content.ReadFromJsonAsync<UploadCreated>(FactoryHost.Json))!.Id;
            }

            using var created = await server.Client.PostAsJsonAsync("/api/v1/builds", Requests.Chroot(upload), FactoryHost.Json);
            var id = (await created.Content.ReadFromJsonAsync<BuildCreated>(FactoryHost.Json))!.Id;
            var work = Path.Combine(dataDir, "work", id);

            // wait until dracut runs inside the chroot (the init step's initrd: the reported hang), then a few seconds more
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(8);
            while (!JobProcessTree(id, work).Any(process => process.InRoot && process.Command.Contains("dracut", StringComparison.Ordinal)))
            {
                var job = await server.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{id}", FactoryHost.Json);
                Assert.True(job!.Status is "queued" or "running", $"the build ended before it could be cancelled: {job.Status} {job.Message}");
                Assert.True(DateTime.UtcNow < deadline, "dracut never ran inside the chroot: " + Tail(LogOf(dataDir, id)));
                await Task.Delay(250);
            }

            await Task.Delay(TimeSpan.FromSeconds(3));
            var before = JobProcessTree(id, work);
            Assert.NotEmpty(LeftoverCleaner.MountsUnder(work));

            // act: cancel
            using var cancel = await server.Client.PostAsync($"/api/v1/builds/{id}/cancel", null);
            var cancelledWithin = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            JobView? view;
            do
            {
                await Task.Delay(250);
                view = await server.Client.GetFromJsonAsync<JobView>($"/api/v1/builds/{id}", FactoryHost.Json);
            }
            while (view!.Status == "running" && DateTime.UtcNow < cancelledWithin);

            // assert: cancelled, nothing of the build left, and SIGTERM still stops the server
            var log = LogOf(dataDir, id);
            Assert.True(view.Status == "cancelled", $"{view.Status} 60 s after the cancel (processes before: {Describe(before)}); log tail:\n{Tail(log)}");
            Assert.Equal(System.Net.HttpStatusCode.Accepted, cancel.StatusCode);
            Assert.Empty(LeftoverCleaner.MountsUnder(dataDir));
            Assert.Empty(JobProcessTree(id, work));
            Assert.False(Directory.Exists(work));
            Assert.True(await server.TerminateAsync(TimeSpan.FromSeconds(30)), "the server ignored SIGTERM after the cancel:\n" + server.Output);
        }
        finally
        {
            if (LeftoverCleaner.MountsUnder(scratch).Count == 0)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private sealed record JobProcess(int Pid, string Command, bool InRoot);

    /// <summary>The processes of the build: those carrying its marker, and those whose root is inside its work dir (chroot'd).</summary>
    private static List<JobProcess> JobProcessTree(string id, string work)
    {
        var marker = Encoding.UTF8.GetBytes(":" + id + "\0");
        var found = new List<JobProcess>();
        foreach (var name in Directory.GetDirectories("/proc").Select(Path.GetFileName).Where(name => name!.All(char.IsAsciiDigit)))
        {
            try
            {
                var root = new FileInfo($"/proc/{name}/root").LinkTarget ?? "/";
                var inRoot = (root + "/").StartsWith(work + "/", StringComparison.Ordinal);
                var environment = File.ReadAllBytes($"/proc/{name}/environ");
                var marked = environment.AsSpan().IndexOf("KAIROS_FACTORY_JOB="u8) is var at and >= 0 && environment.AsSpan(at).IndexOf(marker) is >= 0;
                var zombie = File.ReadAllText($"/proc/{name}/stat").Split(' ')[2] == "Z";
                if ((inRoot || marked) && !zombie)
                {
                    found.Add(new JobProcess(int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText($"/proc/{name}/cmdline").Replace('\0', ' ').Trim(), inRoot));
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // the process ended during the scan
            }
        }

        return found;
    }

    private static string Describe(List<JobProcess> processes) => string.Join("; ", processes.Select(process => $"{process.Pid}{(process.InRoot ? " (chroot)" : "")} {process.Command}"));

    // the file, not GET /logs: that follows the build until it ends, and a build that never ends is what this test looks for
    // (no file yet while the build is queued)
    private static string LogOf(string dataDir, string id) =>
        Path.Combine(dataDir, "jobs", id, "build.log") is var path && File.Exists(path) ? File.ReadAllText(path) : "";

    private static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(15));
}
