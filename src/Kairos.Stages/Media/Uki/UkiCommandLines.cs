namespace Kairos.Stages.Media.Uki;

/// <summary>One UKI to make: its file name, menu title and command line.</summary>
public sealed record UkiEntry(string FileName, string Title, string Cmdline)
{
    /// <summary>What this UKI adds to the layout's default command line (--extend-cmdline and its own arguments); empty for the default.</summary>
    public string Added(UkiLayout layout) =>
        Cmdline.StartsWith(layout.Cmdline, StringComparison.Ordinal) ? Cmdline[layout.Cmdline.Length..].Trim() : Cmdline;
}

/// <summary>
/// The UKIs of a build, as AuroraBoot makes them: <c>norole.efi</c> with the default command line
/// (plus --extend-cmdline), one <c>norole_&lt;args&gt;.efi</c> per --extra-cmdline (the default plus
/// those arguments), one per --single-efi-cmdline "Title: args" named after its title.
/// </summary>
public static class UkiCommandLines
{
    public static IReadOnlyList<UkiEntry> For(UkiLayout layout, UkiBuildOptions options)
    {
        if (options.ExtendCmdline.Length > 0 && options.ExtraCmdlines.Count > 0)
        {
            throw MediaException.Input("--extend-cmdline and --extra-cmdline cannot be used together (extend changes the one UKI; extra makes more)");
        }

        var baseline = Join(layout.Cmdline, options.ExtendCmdline);
        var entries = new List<UkiEntry> { new(layout.DefaultName + ".efi", options.BootBranding, baseline) };
        foreach (var extra in options.ExtraCmdlines)
        {
            var args = OneLine(extra, "--extra-cmdline");
            entries.Add(new(layout.ExtraPrefix + Sanitise(args) + ".efi", $"{options.BootBranding} ({args})", Join(baseline, args)));
        }

        foreach (var single in options.SingleEfiCmdlines)
        {
            var colon = single.IndexOf(':', StringComparison.Ordinal);
            var title = colon > 0 ? single[..colon].Trim() : "";
            if (title.Length == 0)
            {
                throw MediaException.Input($"--single-efi-cmdline '{single}': expected \"Title: arguments\"");
            }

            var args = OneLine(single[(colon + 1)..], "--single-efi-cmdline");
            entries.Add(new(layout.ExtraPrefix + Sanitise(title) + ".efi", title, Join(baseline, args)));
        }

        var duplicate = entries.GroupBy(e => e.FileName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? entries : throw MediaException.Input($"two UKIs would both be named {duplicate.Key}: give distinct command lines or titles");
    }

    /// <summary>A file-name-safe form of arguments: letters, digits, '-' and '.' kept, anything else '_'.</summary>
    public static string Sanitise(string text) =>
        new([.. text.Trim().Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);

    private static string OneLine(string text, string flag)
    {
        var line = text.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' ').Trim();
        return line.Length > 0 ? line : throw MediaException.Input($"{flag}: empty arguments");
    }

    private static string Join(string first, string second) => second.Trim().Length == 0 ? first : first + " " + second.Trim();
}
