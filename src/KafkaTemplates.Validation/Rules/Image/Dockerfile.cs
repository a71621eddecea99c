using System.Text;
using System.Text.RegularExpressions;

namespace KafkaTemplates.Validation.Rules.Image;

/// <summary>
/// A Dockerfile read into instructions and build stages, enough to judge the image: continuation lines, comments, the
/// escape directive, and ARG defaults declared before the first FROM (which FROM lines may use).
/// </summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(IReadOnlyList<DockerInstruction> instructions)
    {
        Instructions = instructions;
        var globalArgs = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<DockerStage>();
        DockerInstruction? from = null;
        var body = new List<DockerInstruction>();
        foreach (var instruction in instructions)
        {
            if (instruction.Is("FROM"))
            {
                if (from is not null) stages.Add(Stage(from, body, globalArgs));
                from = instruction;
                body = [];
                continue;
            }
            if (from is null && instruction.Is("ARG") && ArgDefault().Match(instruction.Arguments) is { Success: true } arg)
                globalArgs[arg.Groups["name"].Value] = arg.Groups["value"].Value.Trim('"', '\'');
            if (from is not null) body.Add(instruction);
        }
        if (from is not null) stages.Add(Stage(from, body, globalArgs));
        Stages = stages;
        GlobalArgs = globalArgs;
    }

    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public IReadOnlyList<DockerStage> Stages { get; }

    public IReadOnlyDictionary<string, string> GlobalArgs { get; }

    /// <summary>The default of an ARG anywhere in the file, such as KAFKA_VERSION.</summary>
    public (string Value, int Line)? ArgDefaultOf(string name)
    {
        foreach (var instruction in Instructions.Where(i => i.Is("ARG")))
        {
            if (ArgDefault().Match(instruction.Arguments) is { Success: true } m && m.Groups["name"].Value == name)
                return (m.Groups["value"].Value.Trim('"', '\''), instruction.Line);
        }
        return null;
    }

    public static Dockerfile Parse(string text)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        var escape = '\\';
        var instructions = new List<DockerInstruction>();
        var current = new StringBuilder();
        var start = 0;
        var directivesOpen = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var trimmed = line.Trim();
            if (current.Length == 0)
            {
                if (directivesOpen && EscapeDirective().Match(trimmed) is { Success: true } d)
                {
                    escape = d.Groups[1].Value[0];
                    continue;
                }
                if (trimmed.Length == 0 || trimmed.StartsWith('#')) continue;
                directivesOpen = false;
                start = i + 1;
            }
            else if (trimmed.StartsWith('#'))
            {
                continue; // comment lines inside a continued instruction are dropped by the builder
            }
            if (trimmed.EndsWith(escape))
            {
                current.Append(trimmed[..^1]).Append(' ');
                continue;
            }
            current.Append(trimmed);
            Add(instructions, current.ToString(), start);
            current.Clear();
        }
        if (current.Length > 0) Add(instructions, current.ToString(), start);
        return new Dockerfile(instructions);
    }

    private static void Add(List<DockerInstruction> into, string text, int line)
    {
        var space = text.IndexOfAny([' ', '\t']);
        var keyword = space < 0 ? text : text[..space];
        var arguments = space < 0 ? "" : text[(space + 1)..].Trim();
        into.Add(new DockerInstruction(keyword.ToUpperInvariant(), arguments, line));
    }

    private static DockerStage Stage(DockerInstruction from, List<DockerInstruction> body, Dictionary<string, string> args)
    {
        var words = from.Arguments.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.StartsWith("--", StringComparison.Ordinal)).ToArray();
        var image = words.Length > 0 ? Substitute(words[0], args) : "";
        var alias = words.Length >= 3 && words[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[2] : null;
        return new DockerStage(from, image, alias, body);
    }

    /// <summary>Resolves $NAME, ${NAME} and ${NAME:-default} from ARG defaults, as the builder does for FROM.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> args) =>
        Variable().Replace(text, m =>
        {
            var name = m.Groups["braced"].Success ? m.Groups["braced"].Value : m.Groups["bare"].Value;
            if (args.TryGetValue(name, out var value) && value.Length > 0) return value;
            return m.Groups["default"].Success ? m.Groups["default"].Value : "";
        });

    [GeneratedRegex(@"^#\s*escape\s*=\s*([\\`])\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex EscapeDirective();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>\S*)")]
    private static partial Regex ArgDefault();

    [GeneratedRegex(@"\$(?:\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?::-(?<default>[^}]*))?\}|(?<bare>[A-Za-z_][A-Za-z0-9_]*))")]
    private static partial Regex Variable();
}
