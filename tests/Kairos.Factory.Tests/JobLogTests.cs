using System.Text;
using System.Text.RegularExpressions;
using Kairos.Factory.Jobs;

namespace Kairos.Factory.Tests;

/// <summary>What the log file holds: stamped lines, no byte-order mark, no carriage return, secrets masked.</summary>
public sealed class JobLogTests
{
    [Fact]
    public void A_message_of_several_lines_becomes_several_stamped_lines_without_a_BOM_or_carriage_return()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kf-joblog-").FullName, "build.log");
        try
        {
            var log = new JobLog(path, "job", new LogHub(), new SecretMask(["s3cret"]));

            log.Write("install", "first\r\nsecond\rthird with s3cret\nfourth");
            log.Write("init", "é");

            var bytes = File.ReadAllBytes(path);
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.DoesNotContain((byte)'\r', bytes);
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            Assert.Equal("", lines[^1]);
            Assert.Equal(5, lines.Length - 1);
            Assert.All(lines[..^1], line => Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(install|init)\] ", line));
            Assert.Equal(["first", "second", "third with ***", "fourth", "é"], lines[..^1].Select(line => Regex.Replace(line, @"^\S+ \[\w+\] ", "")));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }
}
