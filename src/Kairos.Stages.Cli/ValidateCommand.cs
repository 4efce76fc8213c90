using System.CommandLine;
using Kairos.Stages.Checks;
using Kairos.Stages.Diagnostics;

namespace Kairos.Stages.Cli;

/// <summary><c>kairos-stages validate</c>: proves a finished root is Kairos-ready (exit 0 ok or warnings, 1 failures, 2 usage).</summary>
public static class ValidateCommand
{
    private static readonly string[] Models = ["generic", "rpi3", "rpi4", "nvidia-jetson-agx-orin", "nvidia-jetson-orin-nx", "nvidia-jetson-thor", "nvidia-dgx-spark"];
    private static readonly string[] Providers = ["k3s", "k0s"];
    private static readonly string[] Outputs = ["text", "json"];

    public static Command Create()
    {
        var root = new Option<string>("--root") { Description = "the root directory to check", DefaultValueFactory = _ => "/" };
        var model = new Option<string?>("--model", "-m") { Description = "board model (default: KAIROS_MODEL from /etc/kairos-release, else generic)" };
        var kubernetes = new Option<string?>("--kubernetes", "-k", "--provider", "-p") { Description = "k3s or k0s: check the standard variant (default: KAIROS_VARIANT and KAIROS_SOFTWARE_VERSION_PREFIX)" };
        var trusted = new Option<string?>("--trusted-boot", "-t", "--trusted") { Description = "Trusted Boot image: no /boot/initrd needed (true|false; default: KAIROS_TRUSTED_BOOT)", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string>("--output") { Description = "text or json", DefaultValueFactory = _ => "text" };
        var command = new Command("validate", "check that a finished root is a valid Kairos image: binaries, boot files, kairos-release, initrd, services, kernel")
        {
            root, model, kubernetes, trusted, output,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var rootDir = parse.GetValue(root) ?? "/";
            var format = parse.GetValue(output) ?? "text";
            var problem = UsageProblem(parse, rootDir, format, parse.GetValue(model), parse.GetValue(kubernetes), out var trustedBoot);
            if (problem is not null)
            {
                stderr.WriteLine($"validate: {problem}");
                return 2;
            }

            var options = new ValidateOptions(parse.GetValue(model), parse.GetValue(kubernetes)?.ToLowerInvariant(), parse.GetResult(trusted) is null ? null : trustedBoot);
            var context = CheckContextFactory.Create(ValidationSetup.TargetFor(rootDir), options);
            var report = await ImageValidator.ValidateAsync(context, cancellationToken: cancellationToken);
            if (format == "json")
            {
                stdout.WriteLine(ValidationJsonWriter.ToJson(report));
            }
            else
            {
                ValidationTextWriter.Write(report, stdout);
            }

            return report.Ok ? 0 : 1;

            string? UsageProblem(ParseResult p, string dir, string fmt, string? m, string? k, out bool tb)
            {
                tb = ParseTrusted(p.GetValue(trusted), out var badTrusted);
                return p.UnmatchedTokens.Count > 0 ? $"unrecognized argument '{p.UnmatchedTokens[0]}'"
                    : !Directory.Exists(dir) ? $"root directory '{dir}' does not exist"
                    : !Outputs.Contains(fmt) ? $"--output must be text or json, not '{fmt}'{Suggest.Hint(fmt, Outputs)}"
                    : m is not null && !Models.Contains(m) ? $"unknown model '{m}'{Suggest.Hint(m, Models)} (one of {string.Join(", ", Models)})"
                    : k is not null && !Providers.Contains(k.ToLowerInvariant()) ? $"unknown Kubernetes provider '{k}'{Suggest.Hint(k, Providers)} (k3s or k0s)"
                    : badTrusted ? $"--trusted-boot takes true or false, not '{p.GetValue(trusted)}'"
                    : null;
            }
        });
        return command;
    }

    /// <summary>No value means true (<c>-t</c>); true/1 and false/0 are accepted; anything else is a usage error, not a silent false.</summary>
    private static bool ParseTrusted(string? value, out bool invalid)
    {
        invalid = false;
        switch (value?.ToLowerInvariant())
        {
            case null or "true" or "1":
                return true;
            case "false" or "0":
                return false;
            default:
                invalid = true;
                return false;
        }
    }
}
