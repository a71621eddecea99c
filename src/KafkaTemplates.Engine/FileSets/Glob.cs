using System.Text;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Engine.FileSets;

/// <summary>
/// Minimatch-style globs as Backstage uses them for copyWithoutTemplating and fs:delete:
/// <c>*</c>, <c>?</c>, <c>**</c>, <c>[abc]</c> and <c>{a,b}</c>, matched against forward-slash relative paths.
/// Like globby with <c>dot: true</c>, <c>*</c> also matches names that start with a dot.
/// </summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public string Pattern { get; }

    public Glob(string pattern)
    {
        Pattern = pattern;
        var p = pattern.Replace('\\', '/');
        if (p.StartsWith("./", StringComparison.Ordinal)) p = p[2..];
        _regex = Compiled.GetOrAdd(p, static p => new Regex("^" + Translate(p) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)));
        if (Compiled.Count > CompiledLimit) Compiled.Clear();
    }

    /// <summary>
    /// Regexes by pattern: every render of a template builds its copyWithoutTemplating globs again, and parsing the
    /// regex cost more than matching with it. A Regex is safe to share between threads.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Regex> Compiled = new(StringComparer.Ordinal);

    private const int CompiledLimit = 256;

    public bool IsMatch(string path) => _regex.IsMatch(path);

    public static bool MatchesAny(IReadOnlyList<Glob> globs, string path)
    {
        foreach (var g in globs) if (g.IsMatch(path)) return true;
        return false;
    }

    private static string Translate(string p)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            switch (c)
            {
                case '*' when i + 1 < p.Length && p[i + 1] == '*':
                    var atSegmentStart = i == 0 || p[i - 1] == '/';
                    var atSegmentEnd = i + 2 == p.Length || p[i + 2] == '/';
                    if (atSegmentStart && atSegmentEnd)
                    {
                        if (i + 2 == p.Length) sb.Append(".*");
                        else { sb.Append("(?:.*/)?"); i++; }
                        i++;
                    }
                    else { sb.Append("[^/]*"); i++; }
                    break;
                case '*': sb.Append("[^/]*"); break;
                case '?': sb.Append("[^/]"); break;
                case '[':
                    var close = p.IndexOf(']', i + 1);
                    if (close < 0) { sb.Append(@"\["); break; }
                    var body = p[(i + 1)..close];
                    if (body.StartsWith('!')) body = "^" + body[1..];
                    sb.Append('[').Append(body.Replace(@"\", @"\\")).Append(']');
                    i = close;
                    break;
                case '{':
                    var end = p.IndexOf('}', i + 1);
                    if (end < 0) { sb.Append(@"\{"); break; }
                    var options = p[(i + 1)..end].Split(',');
                    sb.Append("(?:").Append(string.Join('|', options.Select(Translate))).Append(')');
                    i = end;
                    break;
                default: sb.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return sb.ToString();
    }

    public override string ToString() => Pattern;
}
