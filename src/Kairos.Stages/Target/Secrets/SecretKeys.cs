using System.Text.RegularExpressions;

namespace Kairos.Stages.Target.Secrets;

/// <summary>
/// The one rule for which YAML keys hold secrets (passwd, password, secret, token, api key, credential, private key,
/// authorization): the stage dump masks their values, and the Factory masks the same values of a cloud-config in its
/// logs, failure messages and events.
/// </summary>
public static partial class SecretKeys
{
    public static bool IsSecret(string key) => Pattern().IsMatch(key);

    [GeneratedRegex(@"(?i)passw|secret|token|api_?key|credential|private_?key|authorization")]
    private static partial Regex Pattern();
}
