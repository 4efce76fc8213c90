using Kairos.Stages.Media;

namespace Kairos.Stages.Tests.Media;

/// <summary>The media commands read an image's files through Platform's confined resolver: links stay inside the image.</summary>
public sealed class ImageFilesTests
{
    [Fact]
    public void An_absolute_link_in_the_image_resolves_inside_the_image_never_on_the_host()
    {
        using var image = new TempRoot();
        image.File("usr/lib/kairos-release", "KAIROS_VERSION=v1.0.0\n").Link("etc/kairos-release", "/usr/lib/kairos-release")
            .Link("etc/passwd-link", "/etc/passwd");

        Assert.Equal(image.HostPath("usr/lib/kairos-release"), ImageFiles.InRoot(image.Path, "/etc/kairos-release"));
        // the host has /etc/passwd; the image does not, so the link dangles inside the image
        Assert.Null(ImageFiles.InRoot(image.Path, "/etc/passwd-link"));
    }

    [Fact]
    public void Dotdot_links_and_loops_stay_in_the_image_or_answer_null()
    {
        using var image = new TempRoot();
        image.File("boot/vmlinuz-6.1").Link("boot/up", "../../../../..").Link("boot/loop-a", "loop-b").Link("boot/loop-b", "loop-a");

        Assert.Equal(image.HostPath("boot/vmlinuz-6.1"), ImageFiles.InRoot(image.Path, "/boot/up/boot/vmlinuz-6.1"));
        Assert.Null(ImageFiles.InRoot(image.Path, "/boot/up/etc/hostname"));
        Assert.Null(ImageFiles.InRoot(image.Path, "/boot/loop-a"));
        Assert.Null(ImageFiles.InRoot(image.Path, "/boot/missing"));
        Assert.Equal("vmlinuz-6.1", Path.GetFileName(ImageFiles.FindBoot(image.Path, ["vmlinuz"])));
    }
}
