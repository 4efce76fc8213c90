namespace Kairos.Stages.FrontEnd.GoTemplates;

/// <summary>yip's hostname context: <c>UUID</c>, <c>Random</c>, <c>MachineID</c>, <c>ProtectedID</c>; no <c>.Values</c>; errors are failures.</summary>
public static class HostnameTemplate
{
    /// <summary>Renders a hostname pattern; throws <see cref="TemplateException"/> on any template error.</summary>
    public static string Render(string pattern, string machineId)
    {
        var data = new TemplateStruct(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["UUID"] = Guid.NewGuid().ToString(),
            ["Random"] = TemplateRandom.NewRandom(),
            ["MachineID"] = machineId,
            ["ProtectedID"] = TemplateRandom.ProtectedId(machineId),
        });
        return GoTemplate.Render(pattern, data);
    }
}
