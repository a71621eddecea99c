using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Engine.Export.DotnetNew;

/// <summary>
/// Derives a dotnet new template from a template.yaml, so there is one source of truth for parameters, descriptions,
/// defaults and choices. Skeleton folders become <c>sources</c> (with <c>condition</c> for steps with <c>if</c>),
/// copyWithoutTemplating becomes <c>copyOnly</c>, each value a step passes becomes a generated symbol that replaces
/// <c>${{ values.&lt;name&gt; }}</c>, and the answers file is generated with placeholders so dotnet new writes it byte for
/// byte as the engine does.
/// </summary>
public sealed class DotnetNewExporter
{
    public const string TemplateJsonPath = ".template.config/template.json";
    public const string HostJsonPath = ".template.config/dotnetcli.host.json";
    public const string AnswersSkeletonFolder = ".template.config/answers";

    /// <summary>dotnet new's own name symbol: -n/--name, or the output folder's name.</summary>
    private const string NameSymbol = "name";

    /// <summary>A sourceName that appears in no file, so dotnet new's own name replacement never fires.</summary>
    private const string SourceNameMarker = "kafka-templates-name-marker";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<string> _problems = [];
    private readonly JsonObject _symbols = new();
    private readonly Dictionary<string, string> _answerSymbols = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _valueExpressions = new(StringComparer.Ordinal);
    private int _helper;

    private DotnetNewExporter() { }

    public static FileSet Export(TemplateDefinition template, DotnetNewExportOptions options) =>
        new DotnetNewExporter().Run(template, options);

    private FileSet Run(TemplateDefinition template, DotnetNewExportOptions options)
    {
        foreach (var d in template.Parameters.Definitions) AddParameter(d);

        var sources = new JsonArray();
        var executables = new List<(string Path, string? Condition)>();
        foreach (var step in template.Steps) AddSources(template, options, step, sources, executables);
        sources.Add((JsonNode)new JsonObject { ["source"] = "./" + AnswersSkeletonFolder + "/", ["target"] = "./" });

        if (_problems.Count > 0) throw new ExportException(_problems);

        var json = new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/template",
            ["author"] = template.Owner.Length > 0 ? template.Owner : "platform",
            ["classifications"] = new JsonArray(template.Tags.Where(t => t != "recommended").Select(t => (JsonNode?)(char.ToUpperInvariant(t[0]) + t[1..])).ToArray()),
            ["identity"] = $"{options.IdentityPrefix}.{template.Id}",
            ["groupIdentity"] = $"{options.IdentityPrefix}.{template.Id}",
            ["name"] = template.Title,
            ["description"] = $"{template.Description} (template version {template.Version})",
            ["shortName"] = template.Id,
            ["tags"] = new JsonObject { ["type"] = "project" },
            ["sourceName"] = SourceNameMarker,
            ["preferNameDirectory"] = true,
            ["symbols"] = _symbols,
            ["sources"] = sources,
            ["postActions"] = PostActions(executables, options.PostCommands),
        };

        var files = new FileSet();
        files.Put(GeneratedFile.FromText(TemplateJsonPath, json.ToJsonString(JsonOptions) + "\n"));
        files.Put(GeneratedFile.FromText(HostJsonPath, HostJson(template).ToJsonString(JsonOptions) + "\n"));
        files.Put(GeneratedFile.FromText(AnswersSkeletonFolder + "/" + AnswersFile.FileName, AnswersSkeleton(template)));
        return files;
    }

    private void AddParameter(ParameterDefinition d)
    {
        if (d.IsSecret)
        {
            _problems.Add($"parameter '{d.Name}' is a secret; dotnet new has no secret parameters, so a template that ships to dotnet new cannot have one");
            return;
        }
        if (d.Name != NameSymbol)
        {
            var symbol = new JsonObject { ["type"] = "parameter", ["displayName"] = d.Title };
            symbol["description"] = Describe(d);
            switch (d.Type)
            {
                case "string" when d.Enum is { } choices:
                    symbol["datatype"] = "choice";
                    symbol["choices"] = new JsonArray(choices.Select((c, i) => (JsonNode)new JsonObject
                    {
                        ["choice"] = c?.ToString(),
                        ["displayName"] = d.EnumNames is { } names && i < names.Count ? names[i] : c?.ToString(),
                        ["description"] = d.EnumNames is { } n2 && i < n2.Count ? n2[i] : c?.ToString(),
                    }).ToArray());
                    break;
                case "string": symbol["datatype"] = "text"; break;
                case "integer": symbol["datatype"] = "integer"; break;
                case "number": symbol["datatype"] = "float"; break;
                case "boolean": symbol["datatype"] = "bool"; break;
                default:
                    _problems.Add($"parameter '{d.Name}' is of type {d.Type}; dotnet new parameters can be text, choice, integer, float or bool");
                    return;
            }
            if (d.HasDefault && d.Default is not null)
                symbol["defaultValue"] = d.Default is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.ToString() : d.Default.ToJsonString();
            if (d.Required) symbol["isRequired"] = true;
            _symbols[d.Name] = symbol;
        }
        _answerSymbols[d.Name] = AddAnswerSymbol(d);
    }

    private static string Describe(ParameterDefinition d)
    {
        var text = d.Description ?? d.Title;
        if (d.Minimum is { } min && d.Maximum is { } max)
            text += $" ({min.ToString(CultureInfo.InvariantCulture)}-{max.ToString(CultureInfo.InvariantCulture)})";
        return text;
    }

    /// <summary>
    /// The answer as dotnet new may use it: strings cleaned of every character their pattern rules out, booleans
    /// lower-cased ("True" would differ from the engine's "true"), other types as given.
    /// </summary>
    private string AddAnswerSymbol(ParameterDefinition d)
    {
        var name = $"{d.Name}__answer";
        JsonObject generator;
        switch (d.Type)
        {
            case "boolean":
                generator = Generated("casing", new JsonObject { ["source"] = d.Name, ["toLower"] = true });
                break;
            case "string" when d.Enum is null:
                var source = d.Name;
                var allowed = d.Pattern is { } pattern ? AllowedCharacters.FromPattern(pattern) : null;
                if (allowed is { Negated: false, AllowsUpperCase: false })
                {
                    // A value that can only be lower case is lower-cased first, so "My-Cluster" becomes "my-cluster".
                    source = $"{d.Name}__lower";
                    _symbols[source] = Generated("casing", new JsonObject { ["source"] = d.Name, ["toLower"] = true });
                }
                var steps = new JsonArray((JsonNode)new JsonObject { ["regex"] = AllowedCharacters.AlwaysRemoved, ["replacement"] = "" });
                if (allowed is not null)
                {
                    // Replace with a dash where a dash is valid (names stay readable), else drop the character.
                    var replacement = !allowed.Negated && allowed.Allows('-') ? "-" : "";
                    steps.Add((JsonNode)new JsonObject { ["regex"] = allowed.DisallowedClass(), ["replacement"] = replacement });
                }
                generator = Generated("regex", new JsonObject { ["source"] = source, ["steps"] = steps });
                break;
            default:
                generator = Generated("join", new JsonObject { ["symbols"] = new JsonArray(new JsonObject { ["type"] = "ref", ["value"] = d.Name }) });
                break;
        }
        generator["replaces"] = AnswerPlaceholder(d.Name);
        _symbols[name] = generator;
        return name;
    }

    private static JsonObject Generated(string generator, JsonObject parameters) => new()
    {
        ["type"] = "generated",
        ["generator"] = generator,
        ["parameters"] = parameters,
    };

    private static string AnswerPlaceholder(string name) => $"${{{{ parameters.{name} }}}}";

    private static string ValuePlaceholder(string name) => $"${{{{ values.{name} }}}}";

    private void AddSources(TemplateDefinition template, DotnetNewExportOptions options, TemplateStep step, JsonArray sources, List<(string, string?)> executables)
    {
        string? condition = null;
        if (step.If is not null)
        {
            try
            {
                condition = ConditionTranslator.Translate(ParseSingleExpression(step.If.ToString()), p => p == NameSymbol ? NameSymbol : p);
            }
            catch (Exception e) when (e is NotSupportedException or ExpressionSyntaxException or FormatException)
            {
                _problems.Add($"step '{step.Id}': the condition {step.If} cannot be expressed in dotnet new: {e.Message}");
                return;
            }
        }

        switch (step.Action)
        {
            case "fetch:template":
                AddTemplateSource(template, options, step, condition, sources, executables);
                break;
            case "fetch:plain":
                var plain = ResolveFolder(template, step);
                if (plain is null) return;
                var plainSource = Source(options, plain, step, condition);
                plainSource["copyOnly"] = new JsonArray("**/*");
                sources.Add((JsonNode)plainSource);
                CollectExecutables(plain, step, condition, executables);
                break;
            case "debug:log":
            case var portal when portal.StartsWith("publish:", StringComparison.Ordinal) || portal == "catalog:register":
                break;
            default:
                _problems.Add($"step '{step.Id}': {step.Action} has no dotnet new equivalent; use fetch:template or fetch:plain with separate source folders");
                break;
        }
    }

    private void AddTemplateSource(TemplateDefinition template, DotnetNewExportOptions options, TemplateStep step, string? condition, JsonArray sources, List<(string, string?)> executables)
    {
        var folder = ResolveFolder(template, step);
        if (folder is null) return;
        foreach (var key in step.Input.Select(kv => kv.Key).Where(k => k is not ("url" or "targetPath" or "values" or "copyWithoutTemplating")))
            _problems.Add($"step '{step.Id}': input '{key}' has no dotnet new equivalent");

        var values = step.Input["values"] as JsonObject ?? [];
        foreach (var (name, expression) in values)
            AddValue(step, name, expression);
        var valueNames = values.Select(v => v.Key).ToHashSet(StringComparer.Ordinal);

        var copyOnly = (step.Input["copyWithoutTemplating"] as JsonArray ?? []).Select(g => g!.ToString()).ToList();
        var globs = copyOnly.Select(g => new Glob(g)).ToList();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            var display = Path.GetRelativePath(template.Directory, file).Replace('\\', '/');
            _problems.AddRange(SkeletonContract.CheckPath(display, valueNames));
            var content = File.ReadAllBytes(file);
            if (Glob.MatchesAny(globs, relative))
            {
                if (!SkeletonContract.IsBinary(content)) _problems.AddRange(SkeletonContract.CheckCopiedAsIs(display, GeneratedFile.Utf8NoBom.GetString(content)));
            }
            else if (SkeletonContract.IsBinary(content))
            {
                // Binary files are never templated by the engine; dotnet new must not touch them either.
                copyOnly.Add(relative);
            }
            else
            {
                _problems.AddRange(SkeletonContract.CheckTemplated(display, GeneratedFile.Utf8NoBom.GetString(content), valueNames));
            }
        }

        var source = Source(options, folder, step, condition);
        if (copyOnly.Count > 0) source["copyOnly"] = new JsonArray(copyOnly.Select(c => (JsonNode?)c).ToArray());
        sources.Add((JsonNode)source);
        CollectExecutables(folder, step, condition, executables);
    }

    private JsonObject Source(DotnetNewExportOptions options, string folder, TemplateStep step, string? condition)
    {
        var relative = Path.GetRelativePath(options.TemplateRoot, folder).Replace('\\', '/');
        var target = step.Input["targetPath"]?.ToString() ?? "./";
        var source = new JsonObject
        {
            ["source"] = "./" + relative + "/",
            ["target"] = target.EndsWith('/') ? target : target + "/",
        };
        if (condition is not null) source["condition"] = condition;
        return source;
    }

    private string? ResolveFolder(TemplateDefinition template, TemplateStep step)
    {
        var url = step.Input["url"]?.ToString();
        if (url is null || url.Contains("${{", StringComparison.Ordinal))
        {
            _problems.Add($"step '{step.Id}': the url must be a fixed folder of the template");
            return null;
        }
        var folder = Path.GetFullPath(Path.Combine(template.Directory, url));
        if (!Directory.Exists(folder))
        {
            _problems.Add($"step '{step.Id}': the folder '{url}' does not exist");
            return null;
        }
        return folder;
    }

    private static void CollectExecutables(string folder, TemplateStep step, string? condition, List<(string, string?)> executables)
    {
        var target = (step.Input["targetPath"]?.ToString() ?? "./").Trim('/');
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (RepoFileModes.Read(file) != RepoFileMode.Executable) continue;
            var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            executables.Add((RepoPath.Combine(target is "" or "." ? "." : target, relative), condition));
        }
    }

    /// <summary>A value a step passes, as a generated symbol that replaces ${{ values.name }} in contents and paths.</summary>
    private void AddValue(TemplateStep step, string name, JsonNode? expression)
    {
        var text = expression?.ToString() ?? "";
        if (_valueExpressions.TryGetValue(name, out var previous))
        {
            if (previous != text) _problems.Add($"step '{step.Id}': value '{name}' is '{text}' here but '{previous}' in an earlier step; dotnet new has one symbol per value");
            return;
        }
        _valueExpressions[name] = text;
        string symbol;
        try
        {
            var expr = text.StartsWith("${{", StringComparison.Ordinal) ? ParseSingleExpression(text) : new LiteralExpr(text, 0);
            symbol = Translate(expr);
        }
        catch (Exception e) when (e is NotSupportedException or ExpressionSyntaxException or FormatException)
        {
            _problems.Add($"step '{step.Id}': value '{name}' = {text} cannot be computed by dotnet new: {e.Message}");
            return;
        }
        var wrapper = Generated("join", new JsonObject { ["symbols"] = new JsonArray(new JsonObject { ["type"] = "ref", ["value"] = symbol }) });
        wrapper["replaces"] = ValuePlaceholder(name);
        wrapper["fileRename"] = ValuePlaceholder(name);
        _symbols[$"{name}__value"] = wrapper;
    }

    private static Expr ParseSingleExpression(string text)
    {
        var t = text.Trim();
        if (!t.StartsWith("${{", StringComparison.Ordinal) || !t.EndsWith("}}", StringComparison.Ordinal) || t.IndexOf("${{", 3, StringComparison.Ordinal) >= 0)
            throw new FormatException("expected a single ${{ expression }}");
        return ExpressionParser.Parse(t[3..^2]);
    }

    /// <summary>Returns the name of a symbol whose value is the expression's.</summary>
    private string Translate(Expr expr)
    {
        switch (expr)
        {
            case MemberExpr { Target: NameExpr { Name: "parameters" } } m:
                return _answerSymbols.TryGetValue(m.Member, out var answer)
                    ? answer
                    : throw new NotSupportedException($"'{m.Member}' is not a parameter");
            case LiteralExpr { Value: string s }:
                return Helper("constant", new JsonObject { ["value"] = s });
            case LiteralExpr { Value: long or bool } l:
                return Helper("constant", new JsonObject { ["value"] = l.Value is bool b ? (b ? "true" : "false") : Convert.ToString(l.Value, CultureInfo.InvariantCulture) });
            case BinaryExpr { Operator: "or" } or:
                return Helper("coalesce", new JsonObject { ["sourceVariableName"] = Translate(or.Left), ["fallbackVariableName"] = Translate(or.Right) });
            case BinaryExpr { Operator: "~" } concat:
                var parts = new JsonArray();
                foreach (var part in Flatten(concat))
                {
                    parts.Add((JsonNode)(part is LiteralExpr { Value: string text }
                        ? new JsonObject { ["type"] = "const", ["value"] = text }
                        : new JsonObject { ["type"] = "ref", ["value"] = Translate(part) }));
                }
                return Helper("join", new JsonObject { ["symbols"] = parts, ["separator"] = "" });
            case FilterExpr { Filter: "lower" or "upper", Arguments.Count: 0 } f:
                return Helper("casing", new JsonObject { ["source"] = Translate(f.Target), ["toLower"] = f.Filter == "lower" });
            case FilterExpr { Filter: "replace", Arguments: [RegexExpr regex, LiteralExpr { Value: string replacement }] } r:
                return Helper("regex", new JsonObject
                {
                    ["source"] = Translate(r.Target),
                    ["steps"] = new JsonArray(new JsonObject { ["regex"] = DotnetRegex(regex, replacement), ["replacement"] = replacement }),
                });
            default:
                throw new NotSupportedException("use parameters.<name>, text, ~, or, the lower/upper filters and replace with a regex");
        }
    }

    /// <summary>
    /// A regex that .NET (dotnet new's regex generator, which replaces every match) applies exactly as JavaScript's
    /// String.replace does: a global regex, or one anchored at the start (it can match once only), with a
    /// replacement that has no $ patterns (their spellings differ), in the syntax both share.
    /// </summary>
    private static string DotnetRegex(RegexExpr regex, string replacement)
    {
        if (regex.Flags.Any(f => f != 'g'))
            throw new NotSupportedException($"the regex r/{regex.Pattern}/{regex.Flags} has flags dotnet new cannot honour; only g is allowed");
        if (!regex.Flags.Contains('g') && !regex.Pattern.StartsWith('^'))
            throw new NotSupportedException($"the regex r/{regex.Pattern}/ replaces its first match only; anchor it with ^ or add the g flag");
        if (replacement.Contains('$'))
            throw new NotSupportedException("a replacement with $ patterns is spelled differently by dotnet new; replace with plain text");
        if (regex.Pattern.Contains("(?<", StringComparison.Ordinal) || regex.Pattern.Contains("\\k", StringComparison.Ordinal) || regex.Pattern.Contains("\\p", StringComparison.Ordinal))
            throw new NotSupportedException($"the regex r/{regex.Pattern}/ uses syntax .NET reads differently; keep to classes, groups, quantifiers and anchors");
        return regex.Pattern;
    }

    private static IEnumerable<Expr> Flatten(Expr e) =>
        e is BinaryExpr { Operator: "~" } b ? Flatten(b.Left).Concat(Flatten(b.Right)) : [e];

    private string Helper(string generator, JsonObject parameters)
    {
        var name = $"value__{++_helper}";
        _symbols[name] = Generated(generator, parameters);
        return name;
    }

    private static JsonArray PostActions(List<(string Path, string? Condition)> executables, IReadOnlyList<DotnetNewPostCommand> commands)
    {
        var actions = new JsonArray();
        foreach (var group in executables.GroupBy(e => e.Condition))
        {
            var chmod = new JsonObject
            {
                ["description"] = "Make the repo's scripts executable.",
                ["actionId"] = "cb9a6cf3-4f5c-4860-b9d2-03a574959774",
                ["args"] = new JsonObject { ["+x"] = new JsonArray(group.Select(e => (JsonNode?)e.Path).ToArray()) },
                ["manualInstructions"] = new JsonArray(new JsonObject { ["text"] = "Run 'chmod +x " + string.Join(' ', group.Select(e => e.Path)) + "'" }),
                ["continueOnError"] = true,
            };
            if (group.Key is not null) chmod["condition"] = group.Key;
            actions.Add((JsonNode)chmod);
        }
        foreach (var command in commands)
        {
            var run = new JsonObject
            {
                ["description"] = command.Description,
                ["actionId"] = "3A7C4B45-1F5D-4A30-959A-51B88E82B5D2",
                ["args"] = new JsonObject
                {
                    ["executable"] = command.Executable,
                    ["args"] = command.Arguments,
                    ["redirectStandardOutput"] = false,
                    ["redirectStandardError"] = false,
                },
                ["manualInstructions"] = new JsonArray(new JsonObject { ["text"] = $"Run '{command.Executable} {command.Arguments}' in the new repo" }),
                ["continueOnError"] = true,
            };
            if (command.Condition is not null) run["condition"] = command.Condition;
            actions.Add((JsonNode)run);
        }
        return actions;
    }

    /// <summary>dotnet new's own subcommands; a parameter with one of these names is spelled --param:&lt;name&gt;.</summary>
    public static readonly IReadOnlySet<string> ReservedByDotnetNew = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "install", "uninstall", "update", "list", "search", "create", "details",
    };

    /// <summary>
    /// The dotnet CLI's view of the parameters: every option spelled exactly as the parameter (--storageSize), with no
    /// generated short aliases, so the names are the same on every front door.
    /// </summary>
    private static JsonObject HostJson(TemplateDefinition template)
    {
        var info = new JsonObject();
        foreach (var d in template.Parameters.Definitions.Where(d => d.Name != NameSymbol && !d.IsSecret && !ReservedByDotnetNew.Contains(d.Name)))
            info[d.Name] = new JsonObject { ["longName"] = d.Name, ["shortName"] = "" };
        return new JsonObject
        {
            ["$schema"] = "http://json.schemastore.org/dotnetcli.host",
            ["symbolInfo"] = info,
        };
    }

    /// <summary>The answers file with placeholders where the answers go; see <see cref="AnswersFile.Compose"/>.</summary>
    private static string AnswersSkeleton(TemplateDefinition template) =>
        AnswersFile.Compose(template.Id, template.Version.ToString(), TemplateSource.Builtin.ToString(),
            template.Parameters.Definitions.Where(d => !d.IsSecret).Select(d => (d.Name, d.Type switch
            {
                "string" => Yaml.YamlWriter.Quote(AnswerPlaceholder(d.Name)),
                _ => AnswerPlaceholder(d.Name),
            })));
}
