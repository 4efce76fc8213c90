namespace Kairos.Stages.Engine.Accounts;

/// <summary>Picks the first free id in 1000..60000 from the ids in the third field of an account file.</summary>
public static class IdAllocator
{
    public const int First = 1000;
    public const int Last = 60000;

    public static int NextFree(IEnumerable<string> lines, IEnumerable<int>? alsoTaken = null)
    {
        var taken = lines.Select(l => l.Split(':')).Where(f => f.Length > 2 && int.TryParse(f[2], out _))
            .Select(f => int.Parse(f[2])).Concat(alsoTaken ?? []).ToHashSet();
        for (var id = First; id <= Last; id++)
        {
            if (!taken.Contains(id))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"no free id left between {First} and {Last}");
    }
}
