using System.Text;
using Kairos.Stages.Engine.Steps;
using Kairos.Stages.FrontEnd.Model;

namespace Kairos.Stages.Engine.Actions;

/// <summary><c>dns</c>: writes resolv.conf (search, nameservers, options) inside the root, mode 0644.</summary>
public sealed class DnsAction : IStepAction
{
    public string Key => "dns";

    public bool IsPresent(Step step) => step.Dns is { Nameservers.Count: > 0 };

    public Task<ActionOutcome> RunAsync(Step step, ActionContext context, CancellationToken cancellationToken)
    {
        var outcome = new OutcomeBuilder(context, Key);
        var dns = step.Dns!;
        var path = string.IsNullOrEmpty(dns.Path) ? "/etc/resolv.conf" : dns.Path;
        var text = new StringBuilder();
        var search = string.Join(' ', dns.Search);
        if (search.Length > 0 && search != ".")
        {
            text.Append("search ").Append(search).Append('\n');
        }

        foreach (var server in dns.Nameservers)
        {
            text.Append("nameserver ").Append(server).Append('\n');
        }

        if (dns.Options.Count > 0)
        {
            text.Append("options ").Append(string.Join(' ', dns.Options)).Append('\n');
        }

        try
        {
            var files = context.Target.Files;
            if (files.Stat(path, followLinks: false) is { IsSymlink: true })
            {
                outcome.Warn($"{path} is a symlink; it is replaced by a regular file");
            }

            files.WriteFile(path, Encoding.UTF8.GetBytes(text.ToString()), FileModes.Mode0644, 0, 0);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            outcome.Fail($"cannot write {path}: {error.Message}");
        }

        return Task.FromResult(outcome.Build());
    }
}
