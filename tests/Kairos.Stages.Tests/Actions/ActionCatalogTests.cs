using Kairos.Stages.Engine.Actions;
using Kairos.Stages.FrontEnd.Model;
using Kairos.Stages.Target.Downloads;

namespace Kairos.Stages.Tests.Actions;

public sealed class ActionCatalogTests
{
    [Fact]
    public void Catalog_is_in_yips_plugin_order()
    {
        // arrange
        using var downloader = new Downloader();

        // act
        var keys = ActionCatalog.Create(downloader).Select(a => a.Key);

        // assert
        Assert.Equal(StepKeys.Actions, keys);
    }

    [Fact]
    public void An_empty_step_has_no_action_present()
    {
        // arrange
        using var downloader = new Downloader();

        // act + assert
        Assert.DoesNotContain(ActionCatalog.Create(downloader), a => a.IsPresent(new Step()));
    }

    [Theory]
    [InlineData("layout")]
    [InlineData("datasource")]
    [InlineData("git")]
    [InlineData("unpack_images")]
    public async Task Boot_time_keys_fail_clearly_at_build_time(string key)
    {
        // arrange
        using var root = new TempRoot();
        using var downloader = new Downloader();
        var action = ActionCatalog.Create(downloader).Single(a => a.Key == key);

        // act
        var outcome = await action.RunAsync(new Step(), Contexts.For(new ScriptedTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal($"'{key}' is a boot-time key; use it in a /system/oem cloud-config instead", outcome.Failures.Single().Message);
    }

    [Fact]
    public async Task Running_a_step_in_catalog_order_writes_files_before_commands_run()
    {
        // arrange
        using var root = new TempRoot();
        using var downloader = new Downloader();
        var step = new Step
        {
            Commands = ["cat etc/greeting > out"],
            Files = [new FileEntry { Path = "/etc/greeting", Content = "hi {{.Values.os.architecture}}", Permissions = 0x1A4 }],
            Directories = [new DirectoryEntry { Path = "/etc", Permissions = 0x1ED }],
        };
        var context = Contexts.For(new HostShellTarget(root));

        // act
        var ran = new List<string>();
        foreach (var action in ActionCatalog.Create(downloader).Where(a => a.IsPresent(step)))
        {
            ran.Add(action.Key);
            Assert.True((await action.RunAsync(step, context, TestContext.Current.CancellationToken)).Succeeded);
        }

        // assert
        Assert.Equal(["directories", "files", "commands"], ran);
        Assert.Equal("hi amd64", root.Read("/out"));
    }
}
