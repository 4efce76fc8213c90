namespace Kairos.Stages.Image.Checks;

/// <summary>[SSH]: no <c>/etc/ssh/ssh_host_*_key</c> is baked into the image (every machine would share it).</summary>
public sealed class SshHostKeysCheck : IImageCheck
{
    private const string Directory = "/etc/ssh";

    public string Tag => "SSH";

    public string Title => "no SSH host keys in the image";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        if (!context.Files.DirectoryExists(Directory))
        {
            return Task.FromResult<IReadOnlyList<CheckFinding>>([CheckFinding.Pass(Tag, $"{Directory} does not exist; no host keys")]);
        }

        var keys = context.Files.ListDirectory(Directory)
            .Where(n => n.StartsWith("ssh_host_", StringComparison.Ordinal) && n.EndsWith("_key", StringComparison.Ordinal))
            .Select(n => $"{Directory}/{n}")
            .ToList();
        IReadOnlyList<CheckFinding> findings = keys.Count == 0
            ? [CheckFinding.Pass(Tag, $"no host keys in {Directory}")]
            : [CheckFinding.Fail(Tag, $"SSH host keys are baked into the image: {string.Join(", ", keys)}", "delete them (rm -f /etc/ssh/ssh_host_*_key*; the cleanup step does this); sshd generates unique keys on first boot")];
        return Task.FromResult(findings);
    }
}
