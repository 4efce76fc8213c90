using System.Text;

namespace Kairos.Factory.Tests.Hardening;

/// <summary>Hostile cloud-configs: a "billion laughs" alias bomb of under 1 KiB, and brackets nested thousands deep.</summary>
internal static class YamlAbuse
{
    /// <summary>Nine levels of nine aliases each: 9^9 (387 million) scalars once expanded, 779 bytes as written.</summary>
    public static string AliasBomb()
    {
        var text = new StringBuilder("#cloud-config\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var level = 'b'; level <= 'i'; level++)
        {
            var previous = (char)(level - 1);
            text.Append($"{level}: &{level} [{string.Join(',', Enumerable.Repeat("*" + previous, 9))}]\n");
        }

        return text.Append("users:\n- name: kairos\n  passwd: *i\n").ToString();
    }

    public static string DeeplyNested(int depth) => "#cloud-config\nx: " + new string('[', depth) + new string(']', depth) + "\n";
}
