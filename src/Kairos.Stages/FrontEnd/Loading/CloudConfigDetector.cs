namespace Kairos.Stages.FrontEnd.Loading;

/// <summary>yip's sniffing rule: a <c>#cloud-config</c> line among the leading comments of the first 10 lines.</summary>
public static class CloudConfigDetector
{
    public static bool IsCloudConfig(string text)
    {
        foreach (var raw in text.Split('\n').Take(10))
        {
            var line = raw.TrimEnd();
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith('#'))
            {
                return false; // the first real line decides: plain yip
            }

            if (line == "#cloud-config")
            {
                return true;
            }
        }

        return false;
    }
}
