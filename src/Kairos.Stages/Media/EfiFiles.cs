namespace Kairos.Stages.Media;

/// <summary>Per arch: the firmware's boot file name, shim's grub name, grub-mkimage's format, and the image paths to look for grub and shim.</summary>
public sealed record EfiFiles(string BootName, string GrubName, string GrubFormat, IReadOnlyList<string> Grub, IReadOnlyList<string> Shim);
