using System.Text.RegularExpressions;
using KafkaTemplates.Installation.Connection;

namespace KafkaTemplates.Installation.Preflight;

/// <summary>
/// A Chart.yaml kubeVersion constraint, read as Helm reads it (Masterminds semver v3): "||" between alternatives,
/// commas or spaces between conditions that must all hold, the operators = != &gt; &lt; &gt;= &lt;= ~ ^, x-ranges and
/// hyphen ranges. As in Helm, a server version with a prerelease (v1.30.2-eks-1) only satisfies conditions that
/// carry one themselves, which is why charts write "&gt;=1.29.0-0".
/// </summary>
internal sealed partial class KubeVersionConstraint
{
    private readonly List<List<Func<KubeVersion, bool>>> _alternatives;

    private KubeVersionConstraint(string text, List<List<Func<KubeVersion, bool>>> alternatives)
    {
        Text = text;
        _alternatives = alternatives;
    }

    public string Text { get; }

    public bool IsSatisfiedBy(KubeVersion version) => _alternatives.Any(all => all.All(check => check(version)));

    public static bool TryParse(string text, out KubeVersionConstraint? constraint)
    {
        constraint = null;
        var alternatives = new List<List<Func<KubeVersion, bool>>>();
        foreach (var part in text.Split("||"))
        {
            var group = Hyphen().Replace(part, ">=$1, <=$2");
            var checks = new List<Func<KubeVersion, bool>>();
            var consumed = 0;
            foreach (Match m in Condition().Matches(group))
            {
                if (group[consumed..m.Index].Any(c => c is not (' ' or ',' or '\t'))) return false;
                consumed = m.Index + m.Length;
                checks.Add(Build(m.Groups["op"].Value, m.Groups["ver"].Value));
            }
            if (group[consumed..].Any(c => c is not (' ' or ',' or '\t')) || checks.Count == 0) return false;
            alternatives.Add(checks);
        }
        constraint = new KubeVersionConstraint(text, alternatives);
        return true;
    }

    private static Func<KubeVersion, bool> Build(string op, string ver)
    {
        var parts = ver.TrimStart('v').Split('-', 2)[0].Split('+')[0].Split('.');
        var pre = ver.Contains('-', StringComparison.Ordinal) ? ver[(ver.IndexOf('-', StringComparison.Ordinal) + 1)..].Split('+')[0] : "";
        bool Wild(int i) => i >= parts.Length || parts[i] is "x" or "X" or "*";
        long N(int i) => Wild(i) ? 0 : long.Parse(parts[i], System.Globalization.CultureInfo.InvariantCulture);
        var exact = new KubeVersion(N(0), N(1), N(2), pre);
        // Where the version stops being exact: "1.2" and "1.2.x" both range over every 1.2 patch.
        var wildAt = Wild(0) ? 0 : Wild(1) ? 1 : Wild(2) ? 2 : 3;

        // The smallest version above the wildcard range: 1.2.x -> 1.3.0, 1.x -> 2.0.0.
        KubeVersion Next(int level) => level switch
        {
            0 => new KubeVersion(exact.Major + 1, 0, 0, ""),
            1 => new KubeVersion(exact.Major, exact.Minor + 1, 0, ""),
            _ => new KubeVersion(exact.Major, exact.Minor, exact.Patch + 1, ""),
        };
        var floor = exact with { Prerelease = pre };

        Func<KubeVersion, bool> check = op switch
        {
            "" or "=" when wildAt == 0 => _ => true,
            "" or "=" when wildAt < 3 => v => v >= floor && v < Next(wildAt - 1),
            "" or "=" => v => v.CompareTo(exact) == 0,
            "!=" when wildAt < 3 => v => wildAt == 0 ? false : !(v >= floor && v < Next(wildAt - 1)),
            "!=" => v => v.CompareTo(exact) != 0,
            ">" when wildAt < 3 => v => wildAt != 0 && v >= Next(wildAt - 1),
            ">" => v => v > exact,
            ">=" or "=>" => v => v >= floor,
            "<" => v => v < floor,
            "<=" or "=<" when wildAt < 3 => v => wildAt == 0 || v < Next(wildAt - 1),
            "<=" or "=<" => v => v <= exact,
            "~" or "~>" => v => v >= floor && v < (wildAt <= 1 ? Next(0) : Next(1)),
            "^" => v => v >= floor && v < (exact.Major > 0 || wildAt <= 1 ? Next(0) : exact.Minor > 0 || wildAt == 2 ? Next(1) : Next(2)),
            _ => throw new FormatException($"unknown operator '{op}'"),
        };
        if (op == "!=") return check;
        return v => (v.Prerelease.Length == 0 || pre.Length > 0) && check(v);
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"(?<op>>=|=>|<=|=<|!=|~>|>|<|=|~|\^)?\s*(?<ver>v?(\d+|[xX*])(\.(\d+|[xX*]))?(\.(\d+|[xX*]))?(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)")]
    private static partial Regex Condition();

    [GeneratedRegex(@"\s*(v?[0-9xX*][0-9A-Za-z.+*-]*)\s+-\s+(v?[0-9xX*][0-9A-Za-z.+*-]*)\s*")]
    private static partial Regex Hyphen();
}
