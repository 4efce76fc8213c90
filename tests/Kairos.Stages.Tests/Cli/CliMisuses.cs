using System.Net.Sockets;
using Kairos.Stages.Tests.Support;

namespace Kairos.Stages.Tests.Cli;

/// <summary>The misuse table (each Expected is a regex): flags, roots, extension directories and forked stage templates, each expected to stop with exit 2.</summary>
public static class CliMisuses
{
    private const string Ext = "etc/kairos-init/stage-extensions";

    /// <summary>Bound sockets stay open for the test process: .NET unlinks a socket's file when it is disposed.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentBag<Socket> OpenSockets = [];

    public static IReadOnlyList<CliMisuse> All { get; } =
    [
        Run("version-not-semver", "--version '1.x'", "--version", "1.x"),
        Run("version-double-dot", "--version 'v1..2'", "--version", "v1..2"),
        Run("version-missing", "--version is required"),
        Run("version-empty", "--version is required", "--version", ""),
        Run("model-unknown", "'rpi9' not recognized", "--model", "rpi9"),
        Run("model-needs-arm64", "--model rpi4 requires a arm64 target", "--model", "rpi4", "--arch", "amd64"),
        Run("model-not-supported", "--model nvidia-jetson-agx-orin is not supported", "--model", "nvidia-jetson-agx-orin", "--arch", "arm64"),
        Run("provider-unknown", "'k9s' not recognized", "-k", "k9s"),
        Run("k8s-version-without-provider", "--k8s-version needs a provider", "--k8s-version", "v1.31.0+k3s1"),
        Run("stage-unknown", "unknown stage 'bogus'", "--stage", "bogus"),
        Run("stage-twice", "'-s' expects a single argument", "-s", "install", "-s", "init"),
        Run("skip-step-typo", "unknown step 'instalPackages'.*did you mean 'installPackages'", "--skip-steps", "instalPackages"),
        Run("skip-step-one-of-many", "unknown step 'nope'", "--skip-steps", "cleanup,nope"),
        Run("fips-on-ubuntu", @"10-installPackages\.yaml:\d+:\d+: error KS601: FIPS builds are not supported on Ubuntu", "--fips"),
        Run("fips-on-riscv64", "--fips: FIPS is not supported on riscv64", "--fips", "--arch", "riscv64"),
        Run("trusted-boot-bad-word", "--trusted-boot: 'maybe'", "-t", "maybe"),
        Run("trusted-boot-twice", "'-t' expects a single argument", "-t", "true", "-t", "false"),
        Run("trusted-boot-long-and-short", "expects a single argument", "--trusted-boot", "true", "-t", "false"),
        Run("log-level-unknown", "'loud' not recognized", "--log-level", "loud"),
        Run("output-unknown", "'xml' not recognized", "--output", "xml", "--dry-run"),
        Run("arch-unknown", "'sparc' not recognized", "--arch", "sparc"),
        Run("unknown-flag", "Unrecognized command or argument '--bogus'", "--bogus"),
        Run("extra-argument", "Unrecognized command or argument 'extra'", "extra"),
        Run("os-release-missing-file", "--os-release: file '{aside}/nope' does not exist", "--os-release", "{aside}/nope"),
        Run("stages-dir-missing", "--stages-dir: directory '{aside}/nope' does not exist", "--stages-dir", "{aside}/nope"),
        Run("extensions-dir-missing", "--extensions-dir: directory '{aside}/nope' does not exist", "--extensions-dir", "{aside}/nope"),
        Run("no-extensions-with-extensions-dir", "--no-extensions and --extensions-dir", "--no-extensions", "--extensions-dir", "{aside}"),
        new("root-missing", ["run", "--version", "1.0.0", "--root", "{aside}/nope"], "--root: directory '{aside}/nope' does not exist"),
        new("root-is-a-file", ["run", "--version", "1.0.0", "--root", "{root}/etc/os-release"], "--root: '{root}/etc/os-release' is a file"),
        new("root-without-os-release", ["run", "--version", "1.0.0", "--root", "{root}"], "--root: no /etc/os-release", (root, _) => File.Delete(root.HostPath("etc/os-release"))),
        Extension("ext-unclosed-quote", "stages:\n  init:\n    - name: \"x\n      commands: [a]\n", @"/etc/kairos-init/stage-extensions/10-x\.yaml:\d+:\d+: error KS101"),
        Extension("ext-unknown-key", "stages:\n  init:\n    - name: x\n      comands: [a]\n", "10-x.yaml:4:7: error KS301: unknown key 'comands'"),
        Extension("ext-dangling-after", "stages:\n  init:\n    - name: x\n      after: [{name: ghost}]\n      commands: [a]\n", @"10-x\.yaml:\d+:\d+: error KS50\d: .*ghost"),
        Extension("ext-after-cycle", "stages:\n  init:\n    - name: a\n      after: [{name: b}]\n      commands: [a]\n    - name: b\n      after: [{name: a}]\n      commands: [b]\n", @"10-x\.yaml:\d+:\d+: error KS50\d: .*cycle"),
        Extension("ext-bad-regex", "stages:\n  init:\n    - name: x\n      only_os: \"(ubuntu\"\n      commands: [a]\n", @"10-x\.yaml:4:\d+: error KS5\d\d"),
        new("ext-invalid-utf8", Args(), @"10-x\.yaml:4:\d+: error KS105", (root, _) =>
            File.WriteAllBytes(root.Write($"{Ext}/10-x.yaml", "").HostPath($"{Ext}/10-x.yaml"), [.. "stages:\n  init:\n    - name: x\n      commands: [\""u8, 0xFF, 0xFE, .. "\"]\n"u8])),
        Extension("ext-duplicate-key", "stages:\n  init:\n    - name: x\n      commands: [a]\n      commands: [b]\n", @"10-x\.yaml:5:7: error KS10\d: .*'commands'"),
        new("ext-fifo", Args(), "extension file /etc/kairos-init/stage-extensions/10-x.yaml: cannot read it: .*not a regular file", (root, _) => MakeFifo(root.HostPath($"{Ext}/10-x.yaml"))),
        new("ext-socket", Args(), "extension file /etc/kairos-init/stage-extensions/10-x.yaml: cannot read it", (root, _) => MakeSocket(root.HostPath($"{Ext}/10-x.yaml"))),
        new("ext-dangling-link", Args(), "extension file /etc/kairos-init/stage-extensions/10-x.yaml: cannot read it: it is a dangling link", (root, _) => root.Link($"{Ext}/10-x.yaml", "gone.yaml")),
        new("ext-link-loop", Args(), "extension file /etc/kairos-init/stage-extensions/10-x.yaml: cannot read it", (root, _) => root.Link($"{Ext}/10-x.yaml", "10-x.yaml")),
        new("ext-link-to-host-shadow", Args(), "extension file /etc/kairos-init/stage-extensions/10-x.yaml: cannot read it: it is a dangling link", (root, _) => root.Link($"{Ext}/10-x.yaml", "/etc/shadow")),
        new("ext-link-climbing-out", Args(), "10-x.yaml:1:1: error KS301: unknown key 'inside_the_root'", (root, _) =>
        {
            root.Write("etc/hostname", "inside_the_root: 1\n");
            root.Link($"{Ext}/10-x.yaml", "../../../../../../../../etc/hostname");
        }),
        new("ext-directory-is-a-file", Args(), "extensions directory /etc/kairos-init/stage-extensions: not a directory", (root, _) => root.Write(Ext, "not a directory\n")),
        new("env-extensions-dir-is-a-file", Args(), "extensions directory /srv/ext: not a directory", (root, _) => root.Write("srv/ext", "x\n"), "/srv/ext"),
        new("env-extensions-dir-broken-file", Args(), @"/srv/ext/a\.yaml:4:7: error KS301: unknown key 'comands'", (root, _) => root.Write("srv/ext/a.yaml", "stages:\n  init:\n    - name: x\n      comands: [a]\n"), "/srv/ext"),
        new("lint-extension-fifo", ["lint"], "extension file {aside}/ext/10-x.yaml: cannot read it: .*not a regular file", (_, aside) => MakeFifo(aside.HostPath("ext/10-x.yaml")), "{aside}/ext"),
        new("lint-extension-dir-is-a-file", ["lint"], "extensions directory {aside}/ext: not a directory", (_, aside) => aside.Write("ext", "x\n"), "{aside}/ext"),
        new("env-extensions-dir-link-loop", Args(), "extensions directory /loop/ext: .*Too many levels of symbolic links", (root, _) => root.Link("loop", "loop"), "/loop/ext"),
        // a fork's fips.yaml is the rule the run's context applies too (main's context refused riscv64 alone, from a copy of its own)
        new("stages-dir-fips-architecture", Args("--stages-dir", "{aside}/stages", "--fips", "--arch", "arm64"), "--fips: this fork refuses FIPS on arm64", (_, aside) =>
        {
            CopyTree(Path.Combine(Golden.ProjectDirectory, "..", "..", "stages"), aside.HostPath("stages"));
            var fips = Path.Combine(aside.HostPath("stages"), "data", "fips.yaml");
            File.WriteAllText(fips, File.ReadAllText(fips).Replace("architectures:\n", "architectures:\n  arm64: \"this fork refuses FIPS on arm64\"\n", StringComparison.Ordinal));
        }),
        Broken("stages-dir-packages-data-bad-yaml", "stages/data/packages.yaml:2:1", path => File.WriteAllText(Path.Combine(path, "data/packages.yaml"), "base: [\n")),
        Broken("stages-dir-packages-data-missing", "data/packages.yaml is missing", path => File.Delete(Path.Combine(path, "data/packages.yaml"))),
        Broken("stages-dir-template-fifo", "stages/install/99-x.yaml.*not a regular file", path => MakeFifo(Path.Combine(path, "install/99-x.yaml"))),
        Broken("stages-dir-template-dangling-link", "stages/install/99-x.yaml: cannot read it", path => File.CreateSymbolicLink(Path.Combine(path, "install/99-x.yaml"), "nowhere")),
        Forked("stages-dir-unclosed-if", "install/30-branding.yaml", "{{~ for f in (assets \"branding\") ~}}", "{{~ if true ~}}", @"30-branding\.yaml[:(]\d+[:,]\d+"),
        Forked("stages-dir-unknown-variable", "init/10-kairosRelease.yaml", "KAIROS_ID: kairos", "KAIROS_ID: {{ distro.nonexistent }}", @"10-kairosRelease\.yaml[:(]\d+[:,]\d+"),
        Forked("stages-dir-unknown-function", "init/10-kairosRelease.yaml", "KAIROS_ID: kairos", "KAIROS_ID: {{ no_such_function 1 }}", @"10-kairosRelease\.yaml[:(]\d+[:,]\d+"),
        Forked("stages-dir-syntax-error", "init/10-kairosRelease.yaml", "KAIROS_ID: kairos", "KAIROS_ID: {{ 1 + }}", @"10-kairosRelease\.yaml[:(]\d+[:,]\d+"),
        Forked("stages-dir-renders-bad-yaml", "init/10-kairosRelease.yaml", "KAIROS_ID: kairos", "KAIROS_ID: {{ \"[unclosed\" }}", @"10-kairosRelease\.yaml:\d+:\d+: error KS101"),
        Forked("stages-dir-unknown-package-set", "install/10-installPackages.yaml", "step: installPackages", "step: installPackages\n# {{ packages \"no-such-set\" }}", @"10-installPackages\.yaml[:(]\d+[:,]\d+"),
    ];

    private static string[] Args(params string[] extra) => ["run", "--root", "{root}", "--version", "1.0.0", .. extra];

    private static CliMisuse Run(string name, string expected, params string[] extra) =>
        new(name, extra.Contains("--version") || name == "version-missing" ? ["run", "--root", "{root}", .. extra] : Args(extra), expected);

    private static CliMisuse Extension(string name, string yaml, string expected) =>
        new(name, Args(), expected, (root, _) => root.Write($"{Ext}/10-x.yaml", yaml));

    private static CliMisuse Forked(string name, string file, string find, string replace, string expected) =>
        new(name, Args("--stages-dir", "{aside}/stages"), expected, (_, aside) =>
        {
            CopyTree(Path.Combine(Golden.ProjectDirectory, "..", "..", "stages"), aside.HostPath("stages"));
            var path = aside.HostPath($"stages/{file}");
            var text = File.ReadAllText(path);
            Assert.Contains(find, text);
            File.WriteAllText(path, text.Replace(find, replace, StringComparison.Ordinal));
        });

    private static CliMisuse Broken(string name, string expected, Action<string> breakIt) =>
        new(name, Args("--stages-dir", "{aside}/stages"), expected, (_, aside) =>
        {
            CopyTree(Path.Combine(Golden.ProjectDirectory, "..", "..", "stages"), aside.HostPath("stages"));
            breakIt(aside.HostPath("stages"));
        });

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.GetDirectories(from))
        {
            CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    private static void MakeFifo(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
    }

    /// <summary>A bound socket file (its socket kept open, see <see cref="OpenSockets"/>).</summary>
    private static void MakeSocket(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        OpenSockets.Add(socket);
    }
}
