namespace Kairos.Stages.FrontEnd.Diagnostics;

/// <summary>Stable diagnostic codes. Never renumber: users suppress and grep them.</summary>
public static class DiagnosticCodes
{
    // KS1xx: YAML syntax and document shape
    public const string YamlSyntax = "KS101";
    public const string DuplicateKey = "KS102";
    public const string ExtraDocument = "KS103";
    public const string NotAMapping = "KS104";
    public const string InvalidText = "KS105";
    public const string TooDeep = "KS106";
    public const string EmptyFile = "KS107";

    // KS2xx: types and decoding
    public const string WrongType = "KS201";
    public const string QuotedNumber = "KS202";
    public const string BadInteger = "KS203";
    public const string BadBoolean = "KS204";
    public const string NegativeNumber = "KS205";

    // KS3xx: keys
    public const string UnknownKey = "KS301";
    public const string ReadmeSpelling = "KS302";
    public const string MissingRequired = "KS303";

    // KS4xx: JSON Schema
    public const string Schema = "KS401";

    // KS5xx: semantics
    public const string DuplicateStepName = "KS501";
    public const string DanglingAfter = "KS502";
    public const string AfterCycle = "KS503";
    public const string UnknownStage = "KS504";
    public const string BadRegex = "KS505";
    public const string Re2Unsupported = "KS506";
    public const string LowerCaseOnlyOs = "KS507";
    public const string MissingPermissions = "KS508";
    public const string DecimalLookingMode = "KS509";
    public const string CommandsWithPackages = "KS510";
    public const string BadIfFilesKey = "KS511";
    public const string OwnerStringWithOwner = "KS512";
    public const string UpgradeAlone = "KS513";
    public const string BuildTimeUnsupported = "KS514";
    public const string BadEnumValue = "KS515";
    public const string MissingStepMetadata = "KS516";

    // KS6xx: templates (Scriban pre-render and yip run-time Go templates)
    public const string TemplateError = "KS601";
    public const string TemplateUndefined = "KS602";
    public const string GoTemplateError = "KS603";
    public const string GoTemplateMissingKey = "KS604";
}
