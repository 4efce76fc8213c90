using System.CommandLine;
using Kairos.Factory.Builders;

namespace Kairos.Factory.Commands;

/// <summary>
/// <c>kairos-factory web</c>: AuroraBoot's <c>web</c> command line (the Kairos documents' <c>docker run … -p 8080:8080 IMAGE web</c>).
/// The same server as <c>serve</c>, listening on :8080 and spelling states as the classic Factory did; AuroraBoot's
/// own flags are mapped onto serve's or refused before anything starts.
/// </summary>
public static class WebCommand
{
    public const string DefaultListen = ":8080";

    /// <summary>AuroraBoot flags this server has under another name.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["--address"] = "--listen", // the classic web (v0.6–v0.19)
        ["--builds-dir"] = "--data-dir",
        ["--url"] = "--public-url", // the fleet server (v0.20+)
    };

    /// <summary>AuroraBoot flags this server does not have, and why.</summary>
    private static readonly Dictionary<string, string> Refused = new(StringComparer.Ordinal)
    {
        ["--artifact-dir"] = "this server serves only the files of its own builds (GET /api/v1/builds/{id}/artifacts)",
        ["--default-kairos-init-version"] = "builds run this server's kairos-stages, not a kairos-init release (--kairos-stages PATH chooses the binary)",
        ["--db"] = "the store is SQLite in --data-dir; no other database is supported",
        ["--kubeconfig"] = "builds run on this machine (--builder podman or docker), not through the Kairos Operator",
        ["--builder-namespace"] = "builds run on this machine, not through the Kairos Operator",
    };

    public static Command Create(IReadOnlyList<IImageBuilder>? more = null) => ServeCommand.Create(
        "web",
        "run the Factory server as AuroraBoot's 'web' command: listens on :8080 (every interface; --listen changes it), "
        + "the builds API says 'complete' like the classic Factory (--status-names native for serve's names). AuroraBoot's flags: "
        + "--address is --listen, --builds-dir is --data-dir, --url is --public-url, --create-worker is always on (--workers N), "
        + "--builder local is the default builder; --builder operator, --artifact-dir, --default-kairos-init-version, --db, "
        + "--kubeconfig and --builder-namespace are refused. Reads (build lists, states, logs, artifact lists) are open as on "
        + "AuroraBoot (--public-read=false closes them); creating builds and downloading files need the token",
        DefaultListen,
        "classic",
        defaultPublicRead: true,
        more);

    /// <summary>The arguments after <c>web</c> with AuroraBoot's flags turned into serve's, or the error naming a refused one.</summary>
    public static (string[]? Arguments, string? Error) Translate(IReadOnlyList<string> arguments)
    {
        var translated = new List<string>();
        for (var index = 0; index < arguments.Count; index++)
        {
            var argument = arguments[index];
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var flag = argument.StartsWith("--", StringComparison.Ordinal) && equals > 0 ? argument[..equals] : argument;
            string? InlineOrNext() => equals > 0 && flag != argument ? argument[(equals + 1)..]
                : index + 1 < arguments.Count ? arguments[++index] : null;

            if (argument == "--")
            {
                translated.AddRange(arguments.Skip(index));
                break;
            }
            else if (Refused.TryGetValue(flag, out var why))
            {
                return (null, $"web {flag} is not supported: {why}");
            }
            else if (Renamed.TryGetValue(flag, out var ours))
            {
                translated.Add(ours);
                if (InlineOrNext() is { } value)
                {
                    translated.Add(value);
                }
            }
            else if (flag == "--create-worker")
            {
                // builds always run in this process's workers; "--create-worker=false" would mean none ran at all
                if (equals > 0 && argument[(equals + 1)..] is not ("true" or "1"))
                {
                    return (null, $"web {argument} is not supported: builds always run in this server's workers (--workers N, at least 1)");
                }
            }
            else if (flag == "--builder")
            {
                var value = InlineOrNext();
                if (value == "operator")
                {
                    return (null, "web --builder operator is not supported: builds run on this machine (--builder podman or docker), not through the Kairos Operator");
                }

                if (value != "local")
                {
                    translated.Add("--builder");
                    if (value is not null)
                    {
                        translated.Add(value);
                    }
                }
            }
            else
            {
                translated.Add(argument);
            }
        }

        return ([.. translated], null);
    }
}
