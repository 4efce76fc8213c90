using System.Text;

namespace Kairos.Stages.Tests.Examples;

/// <summary>Splits a Dockerfile into instructions: joins backslash continuations, drops comments and blank lines.</summary>
public static class DockerfileReader
{
    public static IReadOnlyList<DockerfileInstruction> Read(string text)
    {
        var instructions = new List<DockerfileInstruction>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var buffer = new StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();

            // As in Docker, comment and empty lines inside a continuation are skipped, not joined.
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            if (buffer.Length == 0)
            {
                start = i + 1;
            }

            var line = lines[i].TrimEnd();
            if (line.EndsWith('\\'))
            {
                buffer.Append(line.AsSpan(0, line.Length - 1));
                continue;
            }

            buffer.Append(line);
            instructions.Add(Parse(start, buffer.ToString()));
            buffer.Clear();
        }

        if (buffer.Length > 0)
        {
            instructions.Add(Parse(start, buffer.ToString()));
        }

        return instructions;
    }

    private static DockerfileInstruction Parse(int line, string text)
    {
        text = text.Trim();
        var space = text.IndexOfAny([' ', '\t']);
        return space < 0
            ? new(line, text.ToUpperInvariant(), "")
            : new(line, text[..space].ToUpperInvariant(), text[(space + 1)..].Trim());
    }
}
