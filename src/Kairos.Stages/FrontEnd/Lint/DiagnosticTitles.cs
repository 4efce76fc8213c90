using Kairos.Stages.FrontEnd.Diagnostics;

namespace Kairos.Stages.FrontEnd.Lint;

/// <summary>Short titles of the diagnostic codes, for SARIF rule lists and documentation.</summary>
public static class DiagnosticTitles
{
    private static readonly Dictionary<string, string> Titles = new(StringComparer.Ordinal)
    {
        [DiagnosticCodes.YamlSyntax] = "Invalid YAML",
        [DiagnosticCodes.DuplicateKey] = "Duplicate mapping key",
        [DiagnosticCodes.ExtraDocument] = "Content after the first YAML document is ignored",
        [DiagnosticCodes.NotAMapping] = "The document is not a map",
        [DiagnosticCodes.InvalidText] = "Not a text file (binary, invalid UTF-8, oversized)",
        [DiagnosticCodes.TooDeep] = "Nesting or alias expansion too large",
        [DiagnosticCodes.EmptyFile] = "Empty file",
        [DiagnosticCodes.WrongType] = "Wrong type (a scalar, list or map where another belongs)",
        [DiagnosticCodes.QuotedNumber] = "Quoted number in an integer field",
        [DiagnosticCodes.BadInteger] = "Not a valid integer",
        [DiagnosticCodes.BadBoolean] = "Not a valid boolean",
        [DiagnosticCodes.NegativeNumber] = "Negative number in an unsigned field",
        [DiagnosticCodes.UnknownKey] = "Unknown key",
        [DiagnosticCodes.ReadmeSpelling] = "A key spelling yip ignores",
        [DiagnosticCodes.MissingRequired] = "Required key missing",
        [DiagnosticCodes.Schema] = "JSON Schema violation",
        [DiagnosticCodes.DuplicateStepName] = "Duplicate step name in a stage",
        [DiagnosticCodes.DanglingAfter] = "after names no step",
        [DiagnosticCodes.AfterCycle] = "after dependencies form a cycle",
        [DiagnosticCodes.UnknownStage] = "Stage name nothing runs",
        [DiagnosticCodes.BadRegex] = "Condition regex does not compile",
        [DiagnosticCodes.Re2Unsupported] = "Condition regex uses a construct RE2 rejects",
        [DiagnosticCodes.LowerCaseOnlyOs] = "Lower-case only_os never matches PRETTY_NAME",
        [DiagnosticCodes.MissingPermissions] = "File or directory without permissions (mode 0000)",
        [DiagnosticCodes.DecimalLookingMode] = "Mode written in decimal",
        [DiagnosticCodes.CommandsWithPackages] = "commands run before packages in one step",
        [DiagnosticCodes.BadIfFilesKey] = "if_files key other than any/all/none",
        [DiagnosticCodes.OwnerStringWithOwner] = "ownerstring together with owner/group",
        [DiagnosticCodes.UpgradeAlone] = "packages.upgrade alone does nothing",
    };

    /// <summary>The title of a code, or the code itself when none is known.</summary>
    public static string For(string code) => Titles.GetValueOrDefault(code, code);
}
