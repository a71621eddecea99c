using System.Globalization;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.Templates;

/// <summary>A SemVer 2.0 version: templates are versioned with it, and upgrades order by it.</summary>
public sealed partial class SemanticVersion : IComparable<SemanticVersion>, IEquatable<SemanticVersion>
{
    private SemanticVersion(long major, long minor, long patch, string prerelease, string build)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Prerelease = prerelease;
        Build = build;
    }

    public long Major { get; }
    public long Minor { get; }
    public long Patch { get; }
    public string Prerelease { get; }
    public string Build { get; }

    public static SemanticVersion Parse(string text) =>
        TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a SemVer version such as 1.4.0");

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = null!;
        if (text is null) return false;
        var t = text.StartsWith('v') ? text[1..] : text;
        var m = Pattern().Match(t);
        if (!m.Success) return false;
        version = new SemanticVersion(
            long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            long.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture),
            m.Groups[4].Value,
            m.Groups[5].Value);
        return true;
    }

    public int CompareTo(SemanticVersion? other) =>
        other is null ? 1 : Precedence((Major, Minor, Patch, Prerelease), (other.Major, other.Minor, other.Patch, other.Prerelease));

    /// <summary>
    /// SemVer's precedence, build metadata aside: major, minor and patch by value, then the pre-release tag ("" for
    /// none): a release sorts after its pre-releases (1.0.0-rc.1 &lt; 1.0.0), numeric identifiers by value and below
    /// alphanumeric ones. Helm's versions (Kubernetes and kubeVersion constraints) order the same way.
    /// </summary>
    public static int Precedence((long Major, long Minor, long Patch, string Prerelease) left, (long Major, long Minor, long Patch, string Prerelease) right)
    {
        var c = left.Major.CompareTo(right.Major);
        if (c == 0) c = left.Minor.CompareTo(right.Minor);
        if (c == 0) c = left.Patch.CompareTo(right.Patch);
        return c != 0 ? c : ComparePrerelease(left.Prerelease, right.Prerelease);
    }

    private static int ComparePrerelease(string left, string right)
    {
        if (left.Length == 0) return right.Length == 0 ? 0 : 1;
        if (right.Length == 0) return -1;
        var a = left.Split('.');
        var b = right.Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var an = long.TryParse(a[i], NumberStyles.None, CultureInfo.InvariantCulture, out var ai);
            var bn = long.TryParse(b[i], NumberStyles.None, CultureInfo.InvariantCulture, out var bi);
            var c = (an, bn) switch
            {
                (true, true) => ai.CompareTo(bi),
                (true, false) => -1,
                (false, true) => 1,
                _ => string.CompareOrdinal(a[i], b[i]),
            };
            if (c != 0) return Math.Sign(c);
        }
        return a.Length.CompareTo(b.Length);
    }

    public bool Equals(SemanticVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SemanticVersion v && Equals(v);

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch, Prerelease);

    public static bool operator <(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) >= 0;
    public static bool operator ==(SemanticVersion? a, SemanticVersion? b) => a is null ? b is null : a.Equals(b);
    public static bool operator !=(SemanticVersion? a, SemanticVersion? b) => !(a == b);

    public override string ToString() =>
        $"{Major}.{Minor}.{Patch}" + (Prerelease.Length > 0 ? "-" + Prerelease : "") + (Build.Length > 0 ? "+" + Build : "");

    [GeneratedRegex(@"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$")]
    private static partial Regex Pattern();
}
