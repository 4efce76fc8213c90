using System.CommandLine;
using Kairos.Factory.Builders;

namespace Kairos.Factory.Commands;

/// <summary>The kairos-factory command line: <c>serve</c>, and <c>web</c> (AuroraBoot's name and flags for it).</summary>
public static class FactoryCli
{
    /// <summary>Runs the command line; <paramref name="more"/>: builders besides the engines (a test fixture program's, never the shipped one's).</summary>
    public static Task<int> RunAsync(string[] args, IReadOnlyList<IImageBuilder>? more = null)
    {
        if (args is ["web", .. var rest])
        {
            var (translated, error) = WebCommand.Translate(rest);
            if (error is not null)
            {
                Console.Error.WriteLine("kairos-factory: " + error);
                return Task.FromResult(2);
            }

            args = ["web", .. translated!];
        }

        var root = new RootCommand("Kairos Factory: a web service that builds Kairos images with kairos-stages") { ServeCommand.Create(more), WebCommand.Create(more) };
        return root.Parse(args).InvokeAsync();
    }
}
