using System.Text.RegularExpressions;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Architecture;

/// <summary>
/// Holds the layout docs/ARCHITECTURE.md describes: src/Kairos.Stages is five wings, each folder's namespace is its
/// path, a folder uses only folders of its own wing or of a wing below it, and no folders reach each other in a loop.
/// The dependencies are read from the sources: a file depends on every namespace of ours it imports or names.
/// </summary>
public sealed partial class WingTests
{
    /// <summary>The wings, lowest first: a wing may use the wings before it, never those after it.</summary>
    internal static readonly string[] Wings = ["Target", "Image", "FrontEnd", "Engine", "Media"];

    private static string SourceDirectory { get; } =
        Path.GetFullPath(Path.Combine(Golden.ProjectDirectory, "..", "..", "src", "Kairos.Stages"));

    [Fact]
    public void Every_file_sits_in_a_wing_and_declares_its_folder_as_namespace()
    {
        var wrong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var folder = FolderOf(file);
            var wing = folder.Split('.')[0];
            if (!Wings.Contains(wing))
            {
                wrong.Add($"{Relative(file)}: not in a wing ({string.Join(", ", Wings)})");
            }

            var declared = NamespaceLine().Match(File.ReadAllText(file));
            if (!declared.Success || declared.Groups[1].Value != "Kairos.Stages." + folder)
            {
                wrong.Add($"{Relative(file)}: namespace {(declared.Success ? declared.Groups[1].Value : "(none)")}, folder Kairos.Stages.{folder}");
            }
        }

        Assert.Empty(wrong);
    }

    [Fact]
    public void No_folder_uses_a_higher_wing()
    {
        var upward = Edges()
            .Where(edge => Rank(edge.To) > Rank(edge.From))
            .Select(edge => $"{edge.From} -> {edge.To} ({edge.File})")
            .ToList();

        Assert.Empty(upward);
    }

    [Fact]
    public void No_folders_reach_each_other_in_a_loop()
    {
        var graph = Edges().GroupBy(edge => edge.From).ToDictionary(g => g.Key, g => g.Select(edge => edge.To).ToHashSet());
        var loops = StronglyConnected(graph).Where(component => component.Count > 1)
            .Select(component => string.Join(" <-> ", component.Order(StringComparer.Ordinal)))
            .ToList();

        Assert.Empty(loops);
    }

    [Fact]
    public void The_reader_sees_dependencies_and_loops()
    {
        // The checks above are only as good as the reader: a planted import and a planted loop must show.
        var edges = EdgesOf("Kairos.Stages.Target.Platform", "using Kairos.Stages.Engine.Planning;\nvar x = Kairos.Stages.FrontEnd.Model.Step.Empty;");
        Assert.Equal(["Engine.Planning", "FrontEnd.Model"], edges.Order(StringComparer.Ordinal));
        Assert.True(Rank("Engine.Planning") > Rank("Target.Platform"));

        var loop = StronglyConnected(new Dictionary<string, HashSet<string>> { ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"] });
        Assert.Contains(loop, component => component.Order(StringComparer.Ordinal).SequenceEqual(["A", "B", "C"]));
    }

    private static int Rank(string folder) => Array.IndexOf(Wings, folder.Split('.')[0]);

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(SourceDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Relative(file).StartsWith("bin/", StringComparison.Ordinal) && !Relative(file).StartsWith("obj/", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(SourceDirectory, file).Replace('\\', '/');

    private static string FolderOf(string file) => Path.GetDirectoryName(Relative(file))!.Replace('/', '.');

    /// <summary>A node of the graph: a wing's folder with its sub-folders (the media wing is one folder).</summary>
    private static string NodeOf(string folder)
    {
        var parts = folder.Split('.');
        return parts[0] == "Media" ? "Media" : string.Join('.', parts.Take(2));
    }

    private static IEnumerable<(string From, string To, string File)> Edges()
    {
        var nodes = SourceFiles().Select(file => NodeOf(FolderOf(file))).ToHashSet(StringComparer.Ordinal);
        return SourceFiles().SelectMany(file => EdgesOf("Kairos.Stages." + FolderOf(file), File.ReadAllText(file))
            .Select(NodeOf)
            .Where(to => nodes.Contains(to) && to != NodeOf(FolderOf(file)))
            .Distinct()
            .Select(to => (NodeOf(FolderOf(file)), to, Relative(file))));
    }

    /// <summary>
    /// The folders of ours a source names, imports and qualified names, as wing + one level (callers drop what is not a
    /// folder: a member access such as <c>Target.RunAsync</c> looks the same).
    /// </summary>
    internal static IReadOnlySet<string> EdgesOf(string ownNamespace, string text)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in QualifiedName().Matches(text))
        {
            found.Add(match.Groups[1].Value + "." + match.Groups[2].Value);
        }

        found.Remove(ownNamespace["Kairos.Stages.".Length..]);
        return found;
    }

    internal static List<List<string>> StronglyConnected(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.TryGetValue(next, out var seen))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return components;
    }

    [GeneratedRegex(@"(?m)^namespace ([\w.]+);")]
    private static partial Regex NamespaceLine();

    // Kairos.Stages.<Wing>.<Folder> anywhere (using directives, qualified names), or <Wing>.<Folder>. as a partly
    // qualified name inside our namespace.
    [GeneratedRegex(@"(?<![\w.])(?:Kairos\.Stages\.)?(Target|Image|FrontEnd|Engine|Media)\.([A-Z]\w*)\b")]
    private static partial Regex QualifiedName();
}
