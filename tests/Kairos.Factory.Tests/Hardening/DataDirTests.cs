using System.Net;
using System.Text;
using Kairos.Factory.Tests.Support;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>
/// Issue 25, items 7, 9 and 10: the data dir is the server's alone: owner-only modes, a deleted build's cloud-config
/// gone from the store's files, other names under work/ left alone, and a lock against a second server.
/// </summary>
public sealed class DataDirTests
{
    private const UnixFileMode GroupOrOther = (UnixFileMode)0x3F;

    [Fact]
    public async Task Everything_a_build_leaves_is_owner_only_and_a_deleted_cloud_config_leaves_no_bytes_in_the_store()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-modes-").FullName;
        File.SetUnixFileMode(dataDir, (UnixFileMode)0x1ED); // 0755, as a fresh mkdir leaves it
        try
        {
            using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());
            const string marker = "marker-7f3a9c-not-elsewhere";
            var id = await server.CreateAsync(Requests.Upload(await server.UploadAsync()) with { CloudConfig = $"#cloud-config\nhostname: {marker}\n" });
            await server.WaitForAsync(id, "succeeded");

            var leftBehind = Directory.GetFileSystemEntries(dataDir, "*", SearchOption.AllDirectories).Append(dataDir)
                .Where(path => !path.Contains("/work/", StringComparison.Ordinal))
                .Where(path => (File.GetUnixFileMode(path) & GroupOrOther) != 0 && new FileInfo(path).LinkTarget is null)
                .Select(path => $"{path} {Convert.ToString((int)File.GetUnixFileMode(path), 8)}")
                .ToList();
            Assert.True(leftBehind.Count == 0, "readable by group or others:\n" + string.Join('\n', leftBehind));

            using var deleted = await server.Client.DeleteAsync($"/api/v1/builds/{id}");
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            foreach (var file in Directory.GetFiles(dataDir, "factory.db*"))
            {
                var bytes = await File.ReadAllBytesAsync(file);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(marker)) < 0, $"{file} still holds the deleted cloud-config");
            }
        }
        finally
        {
            ServerBuilds.RemoveDataDir(dataDir);
        }
    }

    [Fact]
    public async Task Names_under_work_the_server_did_not_make_are_left_alone_and_do_not_stop_the_start()
    {
        var dataDir = Directory.CreateTempSubdirectory("kf-work-").FullName;
        var work = Path.Combine(dataDir, "work");
        foreach (var name in new[] { "lost+found", "notes", "0123" })
        {
            Directory.CreateDirectory(Path.Combine(work, name));
            File.WriteAllText(Path.Combine(work, name, "keep"), "an operator's file\n");
        }

        try
        {
            using var server = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());
            await server.AssertAnswersAndBuildsAsync();

            foreach (var name in new[] { "lost+found", "notes", "0123" })
            {
                Assert.Equal("an operator's file\n", File.ReadAllText(Path.Combine(work, name, "keep")));
            }
        }
        finally
        {
            ServerBuilds.RemoveDataDir(dataDir);
        }
    }

    [Fact]
    public async Task A_second_server_on_the_same_data_dir_is_refused_and_the_first_keeps_building()
    {
        using var dataDirRoot = new TempRoot("kf-lock-");
        var dataDir = dataDirRoot.Path;
        using var first = await ServerBuilds.StartReadyAsync(dataDir, ServerBuilds.Flags());

        using var second = new FactoryServer(dataDir, ServerBuilds.Flags());
        await ServeStartupTests.AssertRefusedAsync(second, 1, $"kairos-factory: --data-dir '{dataDir}' is in use by another kairos-factory server");

        await first.AssertAnswersAndBuildsAsync();
    }
}
