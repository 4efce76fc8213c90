using System.Text;

namespace Kairos.Stages.Target.Platform;

/// <summary>Reads /proc/self/mountinfo: which host paths are mount points right now.</summary>
public static class MountTable
{
    private static readonly System.Buffers.SearchValues<char> OctalDigits = System.Buffers.SearchValues.Create("01234567");

    /// <summary>Every mount point, unescaped (mountinfo writes space, tab, newline and backslash as \ooo).</summary>
    public static IReadOnlyList<string> MountPoints() =>
        [.. File.ReadAllLines("/proc/self/mountinfo")
            .Select(line => line.Split(' '))
            .Where(fields => fields.Length > 4)
            .Select(fields => Unescape(fields[4]))];

    public static bool IsMountPoint(string hostPath) => MountPoints().Contains(Normalize(hostPath), StringComparer.Ordinal);

    /// <summary>The mount points at or below <paramref name="hostPath"/>.</summary>
    public static IReadOnlyList<string> MountsUnder(string hostPath)
    {
        var root = Normalize(hostPath);
        return [.. MountPoints().Where(m => m == root || m.StartsWith(root + "/", StringComparison.Ordinal))];
    }

    private static string Normalize(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string field, int start) =>
        start + 3 <= field.Length && field.AsSpan(start, 3).IndexOfAnyExcept(OctalDigits) < 0;
}
