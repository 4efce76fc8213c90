namespace Kairos.Stages.Image.Checks;

/// <summary>
/// [SERVICES]: on the RHEL family <c>systemd-udevd</c> and <c>systemd-logind</c> exist and are not masked
/// (RHEL-based images ship some of them masked); on every family but Alpine <c>getty.target</c> likewise.
/// The unit systemd would load wins: a mask in /etc/systemd/system hides the vendor unit.
/// </summary>
public sealed class ServicesCheck : IImageCheck
{
    public string Tag => "SERVICES";

    public string Title => "systemd units";

    public Task<IReadOnlyList<CheckFinding>> RunAsync(CheckContext context, CancellationToken cancellationToken)
    {
        var findings = new List<CheckFinding>();
        var passed = new List<string>();
        if (context.Family == "redhat")
        {
            Check(context, "systemd-udevd", "RHEL family system", "dnf install systemd-udev", findings, passed);
            Check(context, "systemd-logind", "RHEL family system", "dnf install systemd", findings, passed);
        }

        if (context.Family != "alpine")
        {
            Check(context, "getty.target", "systemd-based system", "install systemd", findings, passed);
        }

        if (findings.Count == 0)
        {
            findings.Add(CheckFinding.Pass(Tag, passed.Count == 0 ? "not applicable (OpenRC on Alpine)" : $"present and not masked: {string.Join(", ", passed)}"));
        }

        return Task.FromResult<IReadOnlyList<CheckFinding>>(findings);
    }

    private void Check(CheckContext context, string name, string system, string install, List<CheckFinding> findings, List<string> passed)
    {
        var unit = name.Contains('.', StringComparison.Ordinal) ? name : $"{name}.service";
        var entry = SystemdUnits.Find(context, unit);
        if (entry is null)
        {
            findings.Add(CheckFinding.Fail(Tag, $"{name} does not exist on {system} (no {unit} in {string.Join(", ", SystemdUnits.Directories)})", $"{install} in the image"));
        }
        else if (SystemdUnits.IsMasked(context, entry))
        {
            findings.Add(CheckFinding.Fail(Tag, $"{name} is masked on {system} ({entry.Path})", $"unmask it: systemctl unmask {unit} (the services step does this on the RHEL family)"));
        }
        else
        {
            passed.Add(unit);
        }
    }
}
