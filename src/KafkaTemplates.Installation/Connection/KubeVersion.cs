using System.Globalization;
using System.Text.RegularExpressions;
using KafkaTemplates.Engine.Templates;

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

    public int CompareTo(KubeVersion? other) =>
        other is null ? 1 : SemanticVersion.Precedence((Major, Minor, Patch, Prerelease), (other.Major, other.Minor, other.Patch, other.Prerelease));

    public static bool operator <(KubeVersion a, KubeVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(KubeVersion a, KubeVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(KubeVersion a, KubeVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(KubeVersion a, KubeVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => $"{Major}.{Minor}.{Patch}{(Prerelease.Length > 0 ? "-" + Prerelease : "")}";

    [GeneratedRegex(@"^v?(?<major>\d+)(\.(?<minor>\d+))?(\.(?<patch>\d+))?(-(?<pre>[0-9A-Za-z.-]+))?(\+[0-9A-Za-z.-]+)?$")]
    private static partial Regex Shape();
}
