using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>Kubernetes resource quantities (20Gi, 1500M, 500m, 1e3) and JVM sizes (-Xmx1g), as numbers.</summary>
internal static partial class Quantity
{
    /// <summary>The quantity's value (bytes for memory, cores for CPU), or null when it is not a quantity.</summary>
    public static decimal? Parse(JsonNode? node)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return v.GetValue<decimal>();
        return node is JsonValue s && s.GetValueKind() == JsonValueKind.String ? Parse(s.GetValue<string>()) : null;
    }

    public static decimal? Parse(string text)
    {
        var m = Grammar().Match(text);
        if (!m.Success || !decimal.TryParse(m.Groups["number"].Value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            return null;
        if (m.Groups["exponent"].Success)
        {
            var exponent = int.Parse(m.Groups["exponent"].Value, CultureInfo.InvariantCulture);
            return exponent is < -18 or > 18 ? null : number * Pow(10, exponent);
        }
        return m.Groups["suffix"].Value switch
        {
            "" => number,
            "n" => number / 1_000_000_000m,
            "u" => number / 1_000_000m,
            "m" => number / 1000m,
            "k" => number * 1000m,
            "M" => number * Pow(10, 6),
            "G" => number * Pow(10, 9),
            "T" => number * Pow(10, 12),
            "P" => number * Pow(10, 15),
            "E" => number * Pow(10, 18),
            "Ki" => number * Pow(2, 10),
            "Mi" => number * Pow(2, 20),
            "Gi" => number * Pow(2, 30),
            "Ti" => number * Pow(2, 40),
            "Pi" => number * Pow(2, 50),
            "Ei" => number * Pow(2, 60),
            _ => null,
        };
    }

    /// <summary>The heap -Xmx sets in JVM options, in bytes; the JVM takes the last -Xmx when there are several.</summary>
    public static (decimal Bytes, string Text)? MaxHeap(string jvmOptions)
    {
        var matches = Xmx().Matches(jvmOptions);
        if (matches.Count == 0) return null;
        var m = matches[^1];
        var number = decimal.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var bytes = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "K" => number * Pow(2, 10),
            "M" => number * Pow(2, 20),
            "G" => number * Pow(2, 30),
            "T" => number * Pow(2, 40),
            _ => number,
        };
        return (bytes, m.Value);
    }

    public static string Mebibytes(decimal bytes) => $"{decimal.Round(bytes / Pow(2, 20), 0).ToString(CultureInfo.InvariantCulture)} MiB";

    private static decimal Pow(int b, int e)
    {
        var r = 1m;
        for (var i = 0; i < Math.Abs(e); i++) r *= b;
        return e < 0 ? 1 / r : r;
    }

    [GeneratedRegex(@"^(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))(?:[eE](?<exponent>[+-]?[0-9]+)|(?<suffix>Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$")]
    private static partial Regex Grammar();

    [GeneratedRegex(@"-Xmx([0-9]+)([kKmMgGtT]?)\b")]
    private static partial Regex Xmx();
}
