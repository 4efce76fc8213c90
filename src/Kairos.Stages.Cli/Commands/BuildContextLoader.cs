using System.CommandLine;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Cli.Commands;

/// <summary>Binds the shared flags, builds the context, and prints its warnings and errors (commands exit 2 on null).</summary>
public static class BuildContextLoader
{
    public static BuildContext? Load(BuildOptionsBinder binder, ParseResult parse, Func<BuildOptions, BuildOptions>? adjust = null)
    {
        var options = binder.Bind(parse);
        options = adjust?.Invoke(options) ?? options;
        var result = BuildContextFactory.Create(options);
        var error = parse.InvocationConfiguration.Error;
        foreach (var warning in result.Warnings)
        {
            error.WriteLine($"warning: {warning}");
        }

        foreach (var message in result.Errors)
        {
            error.WriteLine($"error: {message}");
        }

        return result.Success ? result.Context : null;
    }
}
