namespace Kairos.Stages.Image.Checks;

/// <summary>The ordered catalog of validate's checks: kairos-init's eight, then our own.</summary>
public static class ImageChecks
{
    public static IReadOnlyList<IImageCheck> All { get; } =
    [
        new BinariesCheck(),
        new BootFilesCheck(),
        new ReleaseCheck(),
        new DirsCheck(),
        new InitrdCheck(),
        new SshHostKeysCheck(),
        new ServicesCheck(),
        new KernelCheck(),
        new KernelLinkCheck(),
        new MachineIdCheck(),
        new PackageCacheCheck(),
        new InitrdAgeCheck(),
    ];
}
