using System.Text;
using Kairos.Stages.Target.Platform;

namespace Kairos.Stages.Engine.Accounts;

/// <summary>A colon-separated account file of the target root (passwd, group, shadow, gshadow), edited line by line.</summary>
public sealed class ColonFile
{
    private readonly List<string> _lines;

    private ColonFile(string path, List<string> lines, UnixFileMode mode, (int Uid, int Gid) owner)
    {
        Path = path;
        _lines = lines;
        Mode = mode;
        Owner = owner;
    }

    public string Path { get; }

    public UnixFileMode Mode { get; }

    public (int Uid, int Gid) Owner { get; }

    public IReadOnlyList<string> Lines => _lines;

    /// <summary>Loads the file (empty when missing; a new file gets <paramref name="defaultMode"/>, root-owned).</summary>
    public static ColonFile Load(IRootFileSystem files, string path, UnixFileMode defaultMode)
    {
        if (!files.FileExists(path))
        {
            return new ColonFile(path, [], defaultMode, (0, 0));
        }

        var status = files.Stat(path)!;
        var text = files.ReadAllText(path);
        var lines = text.Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        return new ColonFile(path, lines, status.Mode, (status.Uid, status.Gid));
    }

    /// <summary>The index of the line whose first field is <paramref name="name"/>, or -1.</summary>
    public int IndexOf(string name) => _lines.FindIndex(l => l.Split(':')[0] == name);

    public string? Find(string name) => IndexOf(name) is var i and >= 0 ? _lines[i] : null;

    /// <summary>Replaces the line keyed by the first field, or appends it.</summary>
    public void Upsert(string line)
    {
        var index = IndexOf(line.Split(':')[0]);
        if (index >= 0)
        {
            _lines[index] = line;
        }
        else
        {
            _lines.Add(line);
        }
    }

    /// <summary>Removes matching lines; returns how many were removed (zero leaves the file as it was).</summary>
    public int RemoveAll(Predicate<string> match) => _lines.RemoveAll(match);

    /// <summary>Writes the file atomically, keeping its mode and owner.</summary>
    public void Save(IRootFileSystem files)
    {
        var text = _lines.Count == 0 ? "" : string.Join('\n', _lines) + "\n";
        files.WriteFile(Path, Encoding.UTF8.GetBytes(text), Mode, Owner.Uid, Owner.Gid);
    }
}
