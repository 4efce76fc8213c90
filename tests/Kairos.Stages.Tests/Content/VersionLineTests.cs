using Kairos.Stages.Engine.Planning;

namespace Kairos.Stages.Tests.Content;

/// <summary>
/// The init work the Factory runs above its version line (<see cref="VersionLine.VersionFreeInit"/>) renders the same
/// for every version and never reads what <see cref="VersionLine.Step"/> writes; that step is the one that differs.
/// A stage edit that makes the initrd depend on the version fails here, before a cached layer goes stale.
/// </summary>
public sealed class VersionLineTests
{
    private static IReadOnlyList<string> InitFiles { get; } = [.. ContentStages.Files.Where(f => f.StartsWith("init/", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ContentTargets.Names), MemberType = typeof(ContentTargets))]
    public void Only_kairos_release_reads_the_version(string name)
    {
        var target = ContentTargets.Get(name);
        var differing = new List<string>();
        foreach (var file in InitFiles)
        {
            var first = ContentStages.Render(file, target, "v1.2.3");
            var second = ContentStages.Render(file, target, "v9.8.7-rc1");
            Assert.True(first.Text is not null && second.Text is not null, $"{file} did not render for {name}");
            if (first.Text != second.Text)
            {
                differing.Add(StepName(first.Text!));
            }
        }

        Assert.Equal([VersionLine.Step], differing);
    }

    [Theory]
    [MemberData(nameof(ContentTargets.Names), MemberType = typeof(ContentTargets))]
    public void The_work_above_the_version_line_never_reads_kairos_release(string name)
    {
        var target = ContentTargets.Get(name);
        var steps = InitFiles.Select(f => ContentStages.Render(f, target).Text!).ToDictionary(StepName, t => t);

        foreach (var step in VersionLine.VersionFreeInit.Where(s => s != "before-init"))
        {
            Assert.True(steps.ContainsKey(step), $"no bundled init step '{step}'");
            Assert.DoesNotContain("kairos-release", steps[step], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_version_free_steps_are_kairos_inits_order_without_kairos_release()
    {
        var order = InitFiles.Select(f => StepName(ContentStages.Render(f, ContentTargets.Get("debian-12")).Text!)).ToList();

        var above = VersionLine.VersionFreeInit.Skip(1).ToList();
        Assert.Equal(VersionLine.Step, order[0]);
        Assert.Equal(above, order.Skip(1).Take(above.Count));
    }

    private static string StepName(string text) =>
        text.Split('\n').First(l => l.StartsWith("step:", StringComparison.Ordinal))["step:".Length..].Trim();
}
