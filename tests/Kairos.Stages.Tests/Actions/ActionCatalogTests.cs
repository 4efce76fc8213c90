using Kairos.Stages.Actions;
using Kairos.Stages.Downloads;
using Kairos.Stages.Model;

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
        var outcome = await action.RunAsync(new Step(), Contexts.For(new RecordingTarget(root)), TestContext.Current.CancellationToken);

        // assert
        Assert.Equal($"'{key}' is a boot-time key; use it in a /system/oem cloud-config instead", outcome.Failures.Single().Message);
    }
}
