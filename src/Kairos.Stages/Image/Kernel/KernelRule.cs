namespace Kairos.Stages.Image.Kernel;

/// <summary>The rule of the kernel chooser that picked a kernel.</summary>
public enum KernelRule
{
    /// <summary>rpi3/rpi4: the highest version among the <c>-raspi</c> directories.</summary>
    RaspiVersion,

    /// <summary>rpi3/rpi4: no <c>-raspi</c> name parses as a version; the lexicographically last one.</summary>
    RaspiLexicographic,

    /// <summary>Every versioned name parses (hashicorp-like lenient parsing); the highest one.</summary>
    Version,

    /// <summary>Some versioned name does not parse (Fedora/RHEL <c>…el9_5.x86_64</c>); the newest by RPM-like ordering.</summary>
    RpmOrder,

    /// <summary>No name starts with a version number; the first one alphabetically (kairos-init's fallback).</summary>
    FirstEntry,
}
