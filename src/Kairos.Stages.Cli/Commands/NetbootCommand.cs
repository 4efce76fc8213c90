using System.CommandLine;
using System.CommandLine.Invocation;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Disk;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages netboot ISO</c>: AuroraBoot's netboot files and an iPXE script from a live ISO (exit 0 ok, 1 a step failed, 2 bad input).</summary>
public static class NetbootCommand
{
    public static Command Create()
    {
        var action = new NetbootAction();
        var command = new Command("netboot", "write DIR/netboot/kairos-kernel, kairos-initrd and kairos.squashfs from a Kairos live ISO (build-iso's), and kairos.ipxe, an iPXE script that boots them (kernel and initrd from the script's server, the squashfs from --squashfs-url)");
        command.Arguments.Add(action.Iso);
        foreach (var option in action.Options)
        {
            command.Options.Add(option);
        }

        command.Action = action;
        return command;
    }

    private sealed class NetbootAction : AsynchronousCommandLineAction
    {
        public Argument<string> Iso { get; } = new("ISO") { Description = "a Kairos live ISO made by build-iso" };

        public Option<string> Output { get; } = new("--output", "-o") { Description = "directory that gets netboot/", DefaultValueFactory = _ => "." };

        public Option<string?> SquashfsUrl { get; } = new("--squashfs-url") { Description = "http(s) URL the machine fetches kairos.squashfs from (root=live:URL)" };

        public Option<string> Cmdline { get; } = new("--cmdline") { Description = "arguments after the netboot command line", DefaultValueFactory = _ => "nodepair.enable" };

        public Option<string> Console { get; } = new("--console") { Description = "console arguments (the last console= gets the boot messages)", DefaultValueFactory = _ => "console=tty1 console=ttyS0" };

        public override bool ClearsParseErrors => true;

        public IEnumerable<Option> Options => [Output, SquashfsUrl, Cmdline, Console];

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var problem = parse.Errors.Count > 0 ? parse.Errors[0].Message
                : parse.UnmatchedTokens.Count > 0 ? $"unrecognized argument '{parse.UnmatchedTokens[0]}'"
                : parse.GetResult(Iso) is not { Tokens.Count: > 0 } ? "ISO is required"
                : parse.GetValue(SquashfsUrl) is null ? "--squashfs-url is required (where the machine fetches kairos.squashfs)"
                : null;
            if (problem is not null)
            {
                stderr.WriteLine($"netboot: {problem}");
                return ExitCodes.Usage;
            }

            try
            {
                var files = await NetbootBuilder.BuildAsync(
                    new NetbootOptions
                    {
                        Iso = parse.GetValue(Iso)!,
                        SquashfsUrl = parse.GetValue(SquashfsUrl)!,
                        OutputDirectory = parse.GetValue(Output)!,
                        ExtraCmdline = parse.GetValue(Cmdline)!,
                        Console = parse.GetValue(Console)!,
                    },
                    cancellationToken);
                foreach (var file in files)
                {
                    stdout.WriteLine(file);
                }

                return ExitCodes.Success;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"netboot: error: {e.Message}");
                return e.ExitCode;
            }
        }
    }
}
