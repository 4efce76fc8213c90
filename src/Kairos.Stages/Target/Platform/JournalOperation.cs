namespace Kairos.Stages.Target.Platform;

/// <summary>What a <see cref="JournalEntry"/> records: a command, or one kind of change to the root.</summary>
public enum JournalOperation
{
    Run,
    WriteFile,
    CreateDirectory,
    SetMode,
    SetOwner,
    Delete,
    CreateSymlink,
}
