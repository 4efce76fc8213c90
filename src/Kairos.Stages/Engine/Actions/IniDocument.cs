using System.Text;

namespace Kairos.Stages.Engine.Actions;

/// <summary>A minimal INI file (sections of <c>key = value</c>), saved in go-ini's layout; comments are dropped.</summary>
internal sealed class IniDocument
{
    private readonly List<(string Name, List<KeyValuePair<string, string>> Keys)> _sections = [("", [])];

    public static IniDocument Parse(string text)
    {
        var document = new IniDocument();
        var current = document._sections[0].Keys;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
            {
                continue;
            }

            if (line[0] == '[' && line[^1] == ']')
            {
                current = document.Section(line[1..^1].Trim());
                continue;
            }

            var cut = line.IndexOfAny(['=', ':']);
            if (cut > 0)
            {
                Set(current, line[..cut].Trim(), line[(cut + 1)..].Trim());
            }
        }

        return document;
    }

    public void Set(string section, string key, string value) => Set(Section(section), key, value);

    public string Save()
    {
        var builder = new StringBuilder();
        foreach (var (name, keys) in _sections.Where(s => s.Name.Length > 0 || s.Keys.Count > 0))
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            if (name.Length > 0)
            {
                builder.Append('[').Append(name).Append("]\n");
            }

            foreach (var (key, value) in keys)
            {
                builder.Append(key).Append(" = ").Append(value).Append('\n');
            }
        }

        return builder.ToString();
    }

    private List<KeyValuePair<string, string>> Section(string name)
    {
        var index = _sections.FindIndex(s => s.Name == name);
        if (index >= 0)
        {
            return _sections[index].Keys;
        }

        _sections.Add((name, []));
        return _sections[^1].Keys;
    }

    private static void Set(List<KeyValuePair<string, string>> keys, string key, string value)
    {
        var index = keys.FindIndex(k => k.Key == key);
        if (index >= 0)
        {
            keys[index] = new(key, value);
        }
        else
        {
            keys.Add(new(key, value));
        }
    }
}
