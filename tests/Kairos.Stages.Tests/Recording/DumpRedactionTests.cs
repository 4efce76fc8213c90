using Kairos.Stages.Engine.Recording;
using Kairos.Stages.Target.Secrets;
using YamlDotNet.RepresentationModel;

namespace Kairos.Stages.Tests.Recording;

public sealed class DumpRedactionTests
{
    [Theory]
    [InlineData("echo \"Authorization: Bearer abc\" | x", "echo \"Authorization: Bearer ***\" | x")]
    [InlineData("curl -H 'authorization: token t0k' https://h", "curl -H 'authorization: token ***' https://h")]
    [InlineData("password: \"hunter2\"\nuid: 5", "password: \"***\"\nuid: 5")]
    [InlineData("get https://me:pw@host/x", "get https://me:***@host/x")]
    public void Redaction_masks_the_value_and_keeps_the_quotes(string text, string expected)
    {
        // act
        var redacted = Redaction.Redact(text);

        // assert
        Assert.Equal(expected, redacted);
    }

    [Fact]
    public void Secret_keys_are_masked_and_everything_else_is_kept()
    {
        // arrange
        var stream = new YamlStream();
        stream.Load(new StringReader("users:\n  alice:\n    passwd: plain\n    groups: [admin]\nenvironment:\n  API_TOKEN: t\n  PATH: /bin\ncommands:\n  - echo ok\n"));

        // act
        var scrubbed = DumpRedaction.Scrub(stream.Documents[0].RootNode);

        // assert
        using var writer = new StringWriter();
        new YamlStream(new YamlDocument(scrubbed)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        Assert.Contains("passwd: \"***\"", text);
        Assert.Contains("API_TOKEN: \"***\"", text);
        Assert.Contains("PATH: /bin", text);
        Assert.Contains("- echo ok", text);
        Assert.Contains("groups: [admin]", text);
    }
}
