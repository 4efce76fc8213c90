using Kairos.Stages.FrontEnd.Rendering.Functions;
using Kairos.Stages.Target.Context;
using Scriban.Runtime;

namespace Kairos.Stages.Tests.Content;

/// <summary>ContentFunctions.Register adds every content function and the kernel object from the chosen version.</summary>
public sealed class ContentRegistrationTests
{
    private static readonly BuildContext Context = ContentTargets.Get("ubuntu-24.04").Context();

    [Fact]
    public void Registers_every_content_function()
    {
        var globals = new ScriptObject();

        ContentFunctions.Register(globals, Context, ContentStages.Source);

        Assert.All(ContentFunctions.Names, name => Assert.True(globals.ContainsKey(name), name));
    }

    [Fact]
    public void Kernel_comes_from_the_parameter()
    {
        var globals = new ScriptObject();

        ContentFunctions.Register(globals, Context, ContentStages.Source, "6.8.0-51-generic");

        var kernel = Assert.IsType<ScriptObject>(globals["kernel"]);
        Assert.Equal("6.8.0-51-generic", kernel["version"]);
        Assert.Equal(true, kernel["found"]);
    }

    [Fact]
    public void Kernel_falls_back_to_a_kernel_version_global_and_empty_means_not_found()
    {
        var withGlobal = new ScriptObject { ["kernel_version"] = "6.12.11-0-lts" };
        var without = new ScriptObject();

        ContentFunctions.Register(withGlobal, Context, ContentStages.Source);
        ContentFunctions.Register(without, Context, ContentStages.Source);

        Assert.Equal("6.12.11-0-lts", Assert.IsType<ScriptObject>(withGlobal["kernel"])["version"]);
        Assert.Equal(false, Assert.IsType<ScriptObject>(without["kernel"])["found"]);
    }
}
