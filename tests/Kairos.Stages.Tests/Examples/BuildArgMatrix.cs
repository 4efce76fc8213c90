namespace Kairos.Stages.Tests.Examples;

/// <summary>
/// The builds an example is tried with, for the build arguments it declares: every combination of
/// TRUSTED_BOOT, KUBERNETES_DISTRO and FIPS on the default base and on debian:12 (a FIPS-capable
/// base), one flag at a time on every other BASE_IMAGE, and single variations for the rest.
/// </summary>
public static class BuildArgMatrix
{
    private const string BaseImage = "BASE_IMAGE";

    /// <summary>null keeps the Dockerfile's default.</summary>
    private static readonly string?[] FullBases = [null, "debian:12"];

    private static readonly string[] OtherBases = ["ubuntu:22.04", "debian:13", "fedora:41", "rockylinux:9", "almalinux:9", "opensuse/leap:15.6", "alpine:3.21"];

    /// <summary>The first value of each is the plain build.</summary>
    private static readonly (string Name, string[] Values)[] Flags =
    [
        ("TRUSTED_BOOT", ["false", "true"]),
        ("KUBERNETES_DISTRO", ["", "k3s", "k0s"]),
        ("FIPS", ["false", "true"]),
    ];

    private static readonly BuildVariant[] Extras =
    [
        new(new Dictionary<string, string> { ["MODEL"] = "rpi4" }, "linux/arm64"),
        new(new Dictionary<string, string> { ["MODEL"] = "rpi4", ["KUBERNETES_DISTRO"] = "k3s" }, "linux/arm64"),
        new(new Dictionary<string, string> { ["KUBERNETES_DISTRO"] = "k3s", ["KUBERNETES_VERSION"] = "v1.31.4+k3s1" }),
        new(new Dictionary<string, string> { ["KUBERNETES_DISTRO"] = "k0s", ["KUBERNETES_VERSION"] = "v1.31.4+k0s.0" }),
        new(new Dictionary<string, string> { [BaseImage] = "debian:12", ["FIPS"] = "fips" }), // the Kairos factory's spelling
        new(new Dictionary<string, string> { ["VERSION"] = "v1.2.3" }),
    ];

    public static IReadOnlyList<BuildVariant> For(IReadOnlySet<string> declared)
    {
        var flags = Flags.Where(f => declared.Contains(f.Name)).ToList();
        IEnumerable<Dictionary<string, string>> every = [[]];
        foreach (var (name, values) in flags)
        {
            every = every.SelectMany(c => values.Select(v => new Dictionary<string, string>(c) { [name] = v }));
        }

        IEnumerable<Dictionary<string, string>> oneAtATime =
            [[], .. flags.SelectMany(f => f.Values.Skip(1).Select(v => new Dictionary<string, string> { [f.Name] = v }))];
        var builds = declared.Contains(BaseImage)
            ? FullBases.SelectMany(b => every.Select(c => WithBase(c, b))).Concat(OtherBases.SelectMany(b => oneAtATime.Select(c => WithBase(c, b))))
            : every;
        return
        [
            .. builds.Select(c => new BuildVariant(c)),
            .. Extras.Where(e => e.Args.Keys.All(declared.Contains)),
        ];
    }

    /// <summary>True when the variant asks for FIPS (the generic Dockerfile takes true or fips).</summary>
    public static bool WantsFips(BuildVariant variant) => variant.Args.GetValueOrDefault("FIPS") is "true" or "fips";

    private static Dictionary<string, string> WithBase(Dictionary<string, string> flags, string? image) =>
        image is null ? flags : new Dictionary<string, string>([new(BaseImage, image), .. flags]);
}
