using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Installation;

/// <summary>Durations as helm and kubectl write them: 10m, 90s, 1h30m, 500ms; a bare number means seconds.</summary>
public static partial class DurationParser
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var t = text.Trim();
        if (long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            duration = TimeSpan.FromSeconds(seconds);
            return seconds > 0;
        }
        var parts = Part().Matches(t);
        if (parts.Count == 0 || string.Concat(parts.Select(m => m.Value)) != t) return false;
        foreach (Match m in parts)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += m.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(n),
                "m" => TimeSpan.FromMinutes(n),
                "s" => TimeSpan.FromSeconds(n),
                _ => TimeSpan.FromMilliseconds(n),
            };
        }
        return duration > TimeSpan.Zero;
    }

    [GeneratedRegex(@"([0-9]+(?:\.[0-9]+)?)(ms|h|m|s)")]
    private static partial Regex Part();
}
