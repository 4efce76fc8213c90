namespace Kairos.Stages.Image.Checks;

/// <summary>The outcome of a binary search, best first.</summary>
internal enum BinaryLookupKind
{
    Executable,
    NotExecutable,
    DanglingLink,
    Missing,
}
