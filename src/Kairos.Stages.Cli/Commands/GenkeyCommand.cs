using System.CommandLine;
using System.CommandLine.Invocation;
using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.Media;
using Kairos.Stages.Media.Uki;

namespace Kairos.Stages.Cli.Commands;

/// <summary><c>kairos-stages genkey NAME --output DIR</c>: a Secure Boot key set and the TPM PCR policy key, as AuroraBoot's genkey writes them (exit 0 ok, 1 a tool failed, 2 bad input).</summary>
public static class GenkeyCommand
{
    public static Command Create()
    {
        var action = new GenkeyAction();
        var command = new Command(
            "genkey",
            "make Secure Boot keys for build-uki: PK, KEK and db (X.key, X.pem, X.der, X.esl, X.auth) and tpm2-pcr-private.pem. "
            + "Without --ms-certs the enrolled lists hold only these keys: a machine enrolled with them boots only what they sign, "
            + "so no other OS, no Microsoft-signed shim, and no third-party option ROMs (GPU, NIC, RAID firmware signed by Microsoft's UEFI CA)");
        command.Arguments.Add(action.Name);
        foreach (var option in action.Options)
        {
            command.Options.Add(option);
        }

        command.Action = action;
        return command;
    }

    private sealed class GenkeyAction : AsynchronousCommandLineAction
    {
        public Argument<string> Name { get; } = new("NAME") { Description = "the key set's name: certificates get CN=NAME-PK, NAME-KEK, NAME-db" };

        public Option<string> Output { get; } = new("--output", "-o") { Description = "directory for the keys (never overwritten)", DefaultValueFactory = _ => "." };

        public Option<int> Days { get; } = new("--expiration-in-days", "-e") { Description = "certificate validity in days", DefaultValueFactory = _ => 365 };

        public Option<string?> MsCerts { get; } = new("--ms-certs") { Description = "a directory with Microsoft's certificates (PEM or DER) in KEK/ and db/, added to those lists so Microsoft-signed code (other OSes, option ROMs) still boots" };

        public override bool ClearsParseErrors => true;

        public IEnumerable<Option> Options => [Output, Days, MsCerts];

        public override async Task<int> InvokeAsync(ParseResult parse, CancellationToken cancellationToken)
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var problem = parse.UnmatchedTokens.Count > 0 ? $"unrecognized argument '{parse.UnmatchedTokens[0]}'"
                : parse.Errors.Count > 0 ? parse.Errors[0].Message
                : parse.GetResult(Name) is not { Tokens.Count: > 0 } ? "NAME is required"
                : null;
            if (problem is not null)
            {
                stderr.WriteLine($"genkey: {problem}");
                return ExitCodes.Usage;
            }

            try
            {
                var written = await SecureBootKeys.GenerateAsync(parse.GetValue(Name)!, parse.GetValue(Output)!, parse.GetValue(Days), parse.GetValue(MsCerts), line => stderr.WriteLine($"genkey: {line}"), cancellationToken);
                foreach (var file in written)
                {
                    stdout.WriteLine(file);
                }

                return ExitCodes.Success;
            }
            catch (MediaException e)
            {
                stderr.WriteLine($"genkey: error: {e.Message}");
                return e.ExitCode;
            }
        }
    }
}
