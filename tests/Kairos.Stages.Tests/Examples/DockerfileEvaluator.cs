using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// Walks a Dockerfile for one build (ARG defaults and overrides, FROM, ENV, COPY from the context)
/// and returns every call of the tool its RUN lines make.
/// </summary>
public static partial class DockerfileEvaluator
{
    public static IReadOnlyList<ExampleInvocation> Evaluate(string name, string text, string contextDirectory, BuildVariant variant)
    {
        var global = new Dictionary<string, string?>();
        DockerfileStage? stage = null;
        var invocations = new List<ExampleInvocation>();
        foreach (var instruction in DockerfileReader.Read(text))
        {
            switch (instruction.Keyword)
            {
                case "ARG":
                    DeclareArgs(instruction.Arguments, variant, global, stage);
                    break;
                case "FROM":
                    stage = From(instruction.Arguments, global, variant);
                    break;
                case "ENV" when stage is not null:
                    SetEnv(instruction.Arguments, stage);
                    break;
                case "COPY" or "ADD" when stage is not null:
                    Copy(instruction.Arguments, contextDirectory, stage);
                    break;
                case "RUN" when stage is not null:
                    invocations.AddRange(Run(instruction.Arguments, stage)
                        .Select(a => new ExampleInvocation(name, instruction.Line, stage.Image, stage.Arch, [.. stage.Copies], a, variant)));
                    break;
            }
        }

        return invocations;
    }

    /// <summary>The names of every ARG the Dockerfile declares, before or after FROM.</summary>
    public static IReadOnlySet<string> DeclaredArgs(string text) =>
        DockerfileReader.Read(text).Where(i => i.Keyword == "ARG")
            .SelectMany(i => ShellWords.Split(i.Arguments)).Select(w => w.Split('=')[0]).ToHashSet();

    /// <summary>Docker's own expansion (FROM, ENV, COPY): <c>$VAR</c>, <c>${VAR}</c>, <c>${VAR:-word}</c>, <c>${VAR:+word}</c>.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string?> values) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["name"].Success ? m.Groups["name"].Value : m.Groups["bare"].Value;
            var value = values.GetValueOrDefault(name);
            return m.Groups["op"].Value switch
            {
                "-" => string.IsNullOrEmpty(value) ? m.Groups["word"].Value : value,
                "+" => string.IsNullOrEmpty(value) ? "" : m.Groups["word"].Value,
                _ => value ?? "",
            };
        });

    private static void DeclareArgs(string arguments, BuildVariant variant, Dictionary<string, string?> global, DockerfileStage? stage)
    {
        foreach (var word in ShellWords.Split(arguments))
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? word : word[..equals];
            string? fallback = equals < 0 ? null : word[(equals + 1)..];
            if (stage is null)
            {
                global[name] = variant.Args.TryGetValue(name, out var given) ? given : fallback;
            }
            else
            {
                // Redeclared after FROM without a value, a global ARG brings its value into the stage.
                stage.Args[name] = variant.Args.TryGetValue(name, out var given) ? given : fallback ?? global.GetValueOrDefault(name);
            }
        }
    }

    private static DockerfileStage From(string arguments, Dictionary<string, string?> global, BuildVariant variant)
    {
        var words = ShellWords.Split(arguments);
        var platform = words.FirstOrDefault(w => w.StartsWith("--platform=", StringComparison.Ordinal))?["--platform=".Length..];
        var image = Expand(words.First(w => !w.StartsWith("--", StringComparison.Ordinal)), global);
        platform = platform is null ? variant.Platform : Expand(platform, global);
        return new DockerfileStage(image, platform?.Split('/')[^1] ?? "amd64");
    }

    private static void SetEnv(string arguments, DockerfileStage stage)
    {
        var words = ShellWords.Split(arguments);
        var scope = new Dictionary<string, string?>(stage.Args);
        foreach (var (name, value) in stage.Env)
        {
            scope[name] = value;
        }

        if (words.Count > 0 && !words[0].Contains('=', StringComparison.Ordinal))
        {
            stage.Env[words[0]] = Expand(string.Join(' ', words.Skip(1)), scope);
            return;
        }

        foreach (var word in words)
        {
            var equals = word.IndexOf('=', StringComparison.Ordinal);
            stage.Env[word[..equals]] = Expand(word[(equals + 1)..], scope);
        }
    }

    private static void Copy(string arguments, string contextDirectory, DockerfileStage stage)
    {
        var words = arguments.StartsWith('[') ? JsonSerializer.Deserialize<string[]>(arguments)! : [.. ShellWords.Split(arguments)];
        if (words.Any(w => w.StartsWith("--from", StringComparison.Ordinal)))
        {
            return;
        }

        var paths = words.Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToList();
        var destination = Expand(paths[^1], stage.Args);
        foreach (var source in paths.SkipLast(1))
        {
            var directory = Path.GetFullPath(Path.Combine(contextDirectory, Path.GetDirectoryName(source) ?? ""));

            // Only files land in the sample root: a whole-context copy (COPY . .) is a build stage's source tree.
            var files = Directory.Exists(directory) ? Directory.GetFiles(directory, Path.GetFileName(source)) : [];
            foreach (var file in files.Order(StringComparer.Ordinal))
            {
                var target = destination.EndsWith('/') || paths.Count > 2 || source.Contains('*', StringComparison.Ordinal)
                    ? destination.TrimEnd('/') + "/" + Path.GetFileName(file)
                    : destination;
                if (target.StartsWith('/'))
                {
                    stage.Copies.Add((file, target));
                }
            }
        }
    }

    private static IReadOnlyList<IReadOnlyList<string>> Run(string arguments, DockerfileStage stage)
    {
        if (arguments.StartsWith('['))
        {
            // Exec form: no shell, no expansion, unless the array itself starts a shell.
            var argv = JsonSerializer.Deserialize<string[]>(arguments)!;
            return argv is [var program, "-c", var line, ..] && program is "sh" or "/bin/sh" or "bash" or "/bin/bash"
                ? Shell(line, stage)
                : argv.Length > 0 && ShellRewriter.IsTool(argv[0]) ? [argv[1..]] : [];
        }

        // RUN flags (--mount=…, --network=…) come before the command.
        var spans = ShellWords.Spans(arguments);
        var first = spans.FirstOrDefault(s => !arguments[s.Start..s.End].StartsWith("--", StringComparison.Ordinal));
        return Shell(spans.Count == 0 ? "" : arguments[first.Start..], stage);
    }

    private static IReadOnlyList<IReadOnlyList<string>> Shell(string line, DockerfileStage stage) =>
        line.Contains("kairos-stages", StringComparison.Ordinal) || line.Contains("kairos-init", StringComparison.Ordinal)
            ? InvocationRecorder.Record(line, stage.RunEnvironment())
            : [];

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?::(?<op>[-+])(?<word>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Variable();
}
