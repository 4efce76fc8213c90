using System.CommandLine;

namespace Kairos.Factory.Commands;

/// <summary>The kairos-factory command line: <c>serve</c>, and <c>web</c> (AuroraBoot's name and flags for it).</summary>
public static class FactoryCli
{
    public static Task<int> RunAsync(string[] args)
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

        var root = new RootCommand("Kairos Factory: a web service that builds Kairos images with kairos-stages") { ServeCommand.Create(), WebCommand.Create() };
        return root.Parse(args).InvokeAsync();
    }
}
