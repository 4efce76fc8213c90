using Kairos.Stages.Engine.Pipeline;
using Kairos.Stages.FrontEnd.Diagnostics;
using Kairos.Stages.FrontEnd.Lint;
using Kairos.Stages.FrontEnd.Rendering;
using Kairos.Stages.FrontEnd.Sources;
using Kairos.Stages.Target.Context;

namespace Kairos.Stages.Cli.Commands;

/// <summary>What <c>lint</c> checks without paths (the bundled stages and the extension directory), and how it renders bundled templates.</summary>
public static class LintDefaults
{
    /// <summary>The bundled stage templates plus every extension file of this machine's root; null (errors printed) when an extension file cannot be read.</summary>
    public static IReadOnlyList<LintInput>? Inputs(TextWriter error)
    {
        var bundled = new EmbeddedStageSource().ListStages().Select(t => new LintInput(t.DisplayPath, t.Text));
        var environment = Environment.GetEnvironmentVariable(ExtensionFiles.EnvironmentVariable);
        var display = environment is { Length: > 0 } ? environment : ExtensionFiles.DefaultDirectory;
        string directory;
        try
        {
            directory = ExtensionFiles.Locate("/", null, environment);
        }
        catch (IOException e)
        {
            error.WriteLine($"error: extensions directory {display}: {e.Message}");
            return null;
        }

        var extensions = ExtensionFiles.Read(directory, display, "/");
        foreach (var problem in extensions.Errors)
        {
            error.WriteLine($"error: {problem}");
        }

        return extensions.Errors.Count > 0 ? null : [.. bundled, .. extensions.Files];
    }

    /// <summary>Renders bundled templates (top-level <c>step:</c>) for this machine's os-release, or Debian 12 when it has none we know.</summary>
    public static Func<string, string, (string? Text, IReadOnlyList<Diagnostic> Diagnostics)> Preprocess()
    {
        var context = new Lazy<BuildContext>(CreateContext);
        var renderer = new Lazy<StageRenderer>(() => StageRenderer.ForSource(new EmbeddedStageSource()));
        return (path, text) =>
        {
            var result = renderer.Value.Render(path, text, context.Value);
            return (result.Success ? result.Text : null, result.Diagnostics);
        };
    }

    private static BuildContext CreateContext()
    {
        var options = new BuildOptions { AllowMissingVersion = true, ToolVersion = BuildToolVersion.Current };
        var created = BuildContextFactory.Create(options);
        if (created.Success && created.Context!.Distro.Id != "unknown")
        {
            return created.Context;
        }

        var debian = OsReleaseParser.Parse("ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n");
        return new BuildContext { Distro = DistroDetector.Detect(debian), Version = "v0.0.0", ToolVersion = BuildToolVersion.Current };
    }
}
