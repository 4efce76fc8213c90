using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Tests.Context;

public sealed class OsReleaseParserTests
{
    [Fact]
    public void Quotes_are_removed_and_comments_ignored()
    {
        // arrange
        const string text = "# a comment\nNAME=\"openSUSE Leap\"\nID='opensuse-leap'\n\nID_LIKE=\"suse opensuse\"\nVERSION_ID=15.6 # inline\nexport HOME_URL=\"https://x/\"\n";

        // act
        var release = OsReleaseParser.Parse(text);

        // assert
        Assert.Equal("openSUSE Leap", release.Name);
        Assert.Equal("opensuse-leap", release.Id);
        Assert.Equal(["suse", "opensuse"], release.IdLike);
        Assert.Equal("15.6", release.VersionId);
        Assert.Equal("https://x/", release.All["HOME_URL"]);
    }

    [Fact]
    public void Escaped_quotes_inside_double_quotes_are_kept()
    {
        // act
        var release = OsReleaseParser.Parse("PRETTY_NAME=\"My \\\"Distro\\\" 1\"\r\nID=mine\r\n");

        // assert
        Assert.Equal("My \"Distro\" 1", release.PrettyName);
        Assert.Equal("mine", release.Id);
    }

    [Fact]
    public void Empty_text_gives_empty_fields()
    {
        // act
        var release = OsReleaseParser.Parse("");

        // assert
        Assert.Equal("", release.Id);
        Assert.Empty(release.IdLike);
        Assert.Empty(release.All);
    }
}
