using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Security;

/// <summary>
/// Kafka's ssl.principal.mapping.rules, applied as its SslPrincipalMapper does: rules in order, the first whose pattern
/// matches the whole distinguished name gives the principal (its replacement, optionally lower- or upper-cased), and
/// DEFAULT gives the name unchanged. A name no rule matches has no principal.
/// </summary>
internal sealed partial class PrincipalMapping
{
    private readonly IReadOnlyList<Rule> _rules;

    private PrincipalMapping(IReadOnlyList<Rule> rules) => _rules = rules;

    private sealed record Rule(Regex? Pattern, string Replacement, char Case);

    /// <summary>The rules, or null when the text is not a rule list Kafka would read (then nothing is claimed about it).</summary>
    public static PrincipalMapping? Parse(string text)
    {
        var rules = new List<Rule>();
        var at = 0;
        while (at < text.Length)
        {
            var m = RuleText().Match(text, at);
            if (!m.Success || m.Index != at || m.Length == 0) return null;
            if (m.Groups["default"].Success) rules.Add(new Rule(null, "", ' '));
            else
            {
                try
                {
                    var pattern = new Regex("^(?:" + m.Groups["pattern"].Value.Replace("\\/", "/", StringComparison.Ordinal) + ")$",
                        RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    rules.Add(new Rule(pattern, m.Groups["replacement"].Value.Replace("\\/", "/", StringComparison.Ordinal),
                        m.Groups["case"].Value is [var c] ? c : ' '));
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }
            at += m.Length;
        }
        return rules.Count == 0 ? null : new PrincipalMapping(rules);
    }

    public string? Map(string distinguishedName)
    {
        foreach (var rule in _rules)
        {
            if (rule.Pattern is null) return distinguishedName;
            if (!rule.Pattern.IsMatch(distinguishedName)) continue;
            var result = rule.Pattern.Replace(distinguishedName, rule.Replacement, 1);
            return rule.Case switch
            {
                'L' => result.ToLowerInvariant(),
                'U' => result.ToUpperInvariant(),
                _ => result,
            };
        }
        return null;
    }

    [GeneratedRegex(@"\s*(?:(?<default>DEFAULT)|RULE:(?<pattern>(?:\\.|[^\\/])*)/(?<replacement>(?:\\.|[^\\/])*)/(?<case>[LU]?))\s*(?:[,\n]\s*|$)")]
    private static partial Regex RuleText();
}
