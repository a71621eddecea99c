using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Installation.Connection;

/// <summary>
/// A semantic version as Helm reads one (Masterminds semver): an optional "v", missing minor or patch taken as 0,
/// a prerelease after "-", build metadata after "+" ignored in comparisons.
/// </summary>
internal sealed partial record KubeVersion(long Major, long Minor, long Patch, string Prerelease) : IComparable<KubeVersion>
{
    public static KubeVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a version");

    public static bool TryParse(string text, out KubeVersion version)
    {
        version = new KubeVersion(0, 0, 0, "");
        var m = Shape().Match(text.Trim());
        if (!m.Success) return false;
        version = new KubeVersion(
            long.Parse(m.Groups["major"].Value, CultureInfo.InvariantCulture),
            m.Groups["minor"].Success ? long.Parse(m.Groups["minor"].Value, CultureInfo.InvariantCulture) : 0,
            m.Groups["patch"].Success ? long.Parse(m.Groups["patch"].Value, CultureInfo.InvariantCulture) : 0,
            m.Groups["pre"].Success ? m.Groups["pre"].Value : "");
        return true;
    }

    public int CompareTo(KubeVersion? other)
    {
        if (other is null) return 1;
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        // A release sorts after its prereleases.
        if (Prerelease.Length == 0 || other.Prerelease.Length == 0) return other.Prerelease.Length.CompareTo(Prerelease.Length) switch { 0 => 0, var x => x > 0 ? 1 : -1 };
        return ComparePrerelease(Prerelease, other.Prerelease);
    }

    private static int ComparePrerelease(string a, string b)
    {
        var left = a.Split('.');
        var right = b.Split('.');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var ln = long.TryParse(left[i], NumberStyles.None, CultureInfo.InvariantCulture, out var l);
            var rn = long.TryParse(right[i], NumberStyles.None, CultureInfo.InvariantCulture, out var r);
            var c = (ln, rn) switch
            {
                (true, true) => l.CompareTo(r),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(left[i], right[i]),
            };
            if (c != 0) return Math.Sign(c);
        }
        return left.Length.CompareTo(right.Length);
    }

    public static bool operator <(KubeVersion a, KubeVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(KubeVersion a, KubeVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(KubeVersion a, KubeVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KubeVersion a, KubeVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}";

    [GeneratedRegex(@"^v?(?<major>\d+)(\.(?<minor>\d+))?(\.(?<patch>\d+))?(-(?<pre>[0-9A-Za-z.-]+))?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Shape();
}
