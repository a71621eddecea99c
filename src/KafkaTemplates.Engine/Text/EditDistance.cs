namespace KafkaTemplates.Engine.Text;

/// <summary>
/// Levenshtein distance, ignoring case, for "did you mean" hints. It stops as soon as the distance must exceed the
/// largest one asked about, so a hostile 50 MB key costs no more than a short one.
/// </summary>
internal static class EditDistance
{
    /// <summary>The candidate closest to <paramref name="word"/> within <paramref name="max"/> edits (the first of equals), or null.</summary>
    public static string? Closest(string word, IEnumerable<string> candidates, int max = 2)
    {
        string? best = null;
        var bestDistance = max + 1;
        foreach (var candidate in candidates)
        {
            var d = Between(word, candidate, bestDistance - 1);
            if (d >= bestDistance) continue;
            best = candidate;
            bestDistance = d;
        }
        return best;
    }

    /// <summary>The distance between two words, or <paramref name="max"/> + 1 when it is larger than <paramref name="max"/>.</summary>
    public static int Between(string a, string b, int max)
    {
        if (max < 0) return max + 1;
        if (Math.Abs(a.Length - b.Length) > max) return max + 1;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                rowMin = Math.Min(rowMin, current[j]);
            }
            if (rowMin > max) return max + 1;
            (previous, current) = (current, previous);
        }
        return Math.Min(previous[b.Length], max + 1);
    }
}
