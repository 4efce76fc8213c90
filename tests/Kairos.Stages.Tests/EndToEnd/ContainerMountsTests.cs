namespace Kairos.Stages.Tests.EndToEnd;

/// <summary>
/// The /dev a RUN line gets from <see cref="ContainerMounts"/> behaves like runc's: bash's process substitution
/// (/dev/fd/N, which dracut's url-lib module uses) and the /dev/std* names work inside the root.
/// </summary>
[Collection("EndToEnd")]
[Slow(SlowKind.Chroot)]
public sealed class ContainerMountsTests
{
    [Fact]
    public void Process_substitution_and_the_standard_stream_names_work_inside_the_mounted_root()
    {
        if (DebianRoot.Unavailable() is { } why)
        {
            Assert.Skip(why);
        }

        using var root = DebianRoot.Create();
        using (new ContainerMounts(root.Path))
        {
            // act
            var substituted = root.RunLine("/bin/bash", "-c", "cat <(echo substituted)");
            var stdout = root.RunLine("/bin/bash", "-c", "echo named > /dev/stdout");

            // assert
            Assert.True(substituted.Code == 0, substituted.Error);
            Assert.Equal("substituted", substituted.Output.Trim());
            Assert.True(stdout.Code == 0, stdout.Error);
            Assert.Equal("named", stdout.Output.Trim());
        }
    }
}
