using KafkaTemplates.Engine.FileSets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Expressions;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Yaml;

namespace KafkaTemplates.Engine.Templates;

/// <summary>
/// Reads template.yaml and checks everything that can be checked before running: the document's shape, the
/// parameter schemas, that every action exists, that step ids are unique and referenced steps run earlier, and
/// that every expression parses. All problems are collected and reported together, each with file and line.
/// </summary>
public sealed partial class TemplateLoader(ActionRegistry actions)
{
    public const string FileName = "template.yaml";

    private static readonly HashSet<string> StepKeys = ["id", "name", "action", "input", "if", "each", "backstage:permissions"];

    // Fleets and the portal load the same template.yaml again and again; a changed file is loaded afresh.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (DateTime Written, long Length, TemplateDefinition Template)> _loaded = new(StringComparer.Ordinal);

    public TemplateDefinition Load(string path, TemplateSource? source = null)
    {
        var file = Path.GetFullPath(Directory.Exists(path) ? Path.Combine(path, FileName) : path);
        var info = new FileInfo(file);
        if (!info.Exists) throw new FileNotFoundException($"no {FileName} at '{path}'", file);
        var effectiveSource = source ?? TemplateSource.Folder(Path.GetDirectoryName(file)!);
        if (_loaded.TryGetValue(file, out var cached) && cached.Written == info.LastWriteTimeUtc && cached.Length == info.Length)
            return cached.Template with { Source = effectiveSource };
        var template = Read(file);
        _loaded[file] = (info.LastWriteTimeUtc, info.Length, template);
        return template with { Source = effectiveSource };
    }

    private TemplateDefinition Read(string file)
    {
        var display = Path.GetFileName(file);
        // A template is untrusted: its template.yaml is read only as a regular file, never through a link or from a FIFO.
        var kind = FileSets.FileKinds.Of(file);
        if (kind != FileSets.EntryKind.File)
            throw new TemplateLoadException([new TemplateProblem(new SourceMark(display, 1, 1), kind == FileSets.EntryKind.Link
                ? $"{FileName} is a symbolic link (to {new FileInfo(file).LinkTarget}); a template may hold only files and folders, so put the file itself there"
                : $"{FileName} is not a regular file (a FIFO, socket or device); put the template's definition there")]);
        YamlDocument doc;
        try
        {
            // Read as a regular file (checked above), within the input limits.
            doc = YamlReader.ReadFile(file, display);
        }
        catch (YamlFormatException e)
        {
            throw new TemplateLoadException([new TemplateProblem(e.Mark, e.Problem)]);
        }
        return new Reader(this, doc, file, TemplateSource.Folder(Path.GetDirectoryName(file)!)).Read();
    }

    private sealed class Reader(TemplateLoader loader, YamlDocument doc, string file, TemplateSource source)
    {
        private readonly List<TemplateProblem> _problems = [];
        private readonly NunjucksRenderer _checker = new();

        private void Problem(JsonNode? at, string message) => _problems.Add(new TemplateProblem(doc.MarkOf(at), message));

        private void KeyProblem(JsonObject parent, string key, string message) => _problems.Add(new TemplateProblem(doc.KeyMarkOf(parent, key), message));

        public TemplateDefinition Read()
        {
            if (doc.Root is not JsonObject root)
            {
                Problem(doc.Root, "a template is a YAML mapping with apiVersion, kind, metadata and spec");
                throw new TemplateLoadException(_problems);
            }

            var apiVersion = Text(root, "apiVersion");
            if (apiVersion != TemplateDefinition.ApiVersion)
                Problem(root["apiVersion"] ?? root, $"apiVersion must be {TemplateDefinition.ApiVersion} (found '{apiVersion}')");
            if (Text(root, "kind") != "Template")
                Problem(root["kind"] ?? root, $"kind must be Template (found '{Text(root, "kind")}')");

            var metadata = root["metadata"] as JsonObject;
            if (metadata is null) Problem(root, "metadata is missing");
            var id = metadata is null ? "" : Text(metadata, "name") ?? "";
            if (metadata is not null && !EntityName().IsMatch(id))
                Problem(metadata["name"] ?? metadata, $"metadata.name '{id}' must be 1-63 letters, digits and single '-', '_' or '.' between them");
            var version = ReadVersion(metadata);

            var spec = root["spec"] as JsonObject;
            if (spec is null)
            {
                Problem(root, "spec is missing");
                throw new TemplateLoadException(_problems);
            }
            var type = Text(spec, "type");
            if (string.IsNullOrEmpty(type)) Problem(spec, "spec.type is required (for example: service)");

            var parameters = ReadParameters(spec["parameters"]);
            var steps = ReadSteps(spec["steps"], parameters);
            var output = ReadOutput(spec["output"], steps);
            var migrations = ReadMigrations(spec["migrations"]);

            if (_problems.Count > 0) throw new TemplateLoadException(_problems);
            return new TemplateDefinition
            {
                Id = id,
                Title = Text(metadata!, "title") ?? id,
                Description = Text(metadata!, "description") ?? "",
                Tags = (metadata!["tags"] as JsonArray)?.Select(t => t?.ToString() ?? "").ToList() ?? [],
                Version = version!,
                Owner = Text(spec, "owner") ?? "",
                Type = type!,
                Parameters = parameters,
                Steps = steps,
                Output = output,
                Migrations = migrations,
                Directory = Path.GetDirectoryName(Path.GetFullPath(file))!,
                File = Path.GetFullPath(file),
                Source = source,
                Document = root,
            };
        }

        private SemanticVersion? ReadVersion(JsonObject? metadata)
        {
            var annotations = metadata?["annotations"] as JsonObject;
            var text = annotations is null ? null : Text(annotations, TemplateDefinition.VersionAnnotation);
            if (text is null)
            {
                Problem(annotations ?? (JsonNode?)metadata, $"metadata.annotations['{TemplateDefinition.VersionAnnotation}'] must give the template's SemVer version, for example 1.0.0");
                return null;
            }
            if (!SemanticVersion.TryParse(text, out var version))
            {
                Problem(annotations!["" + TemplateDefinition.VersionAnnotation], $"'{text}' is not a SemVer version such as 1.4.0");
                return null;
            }
            return version;
        }

        private ParameterSchema ReadParameters(JsonNode? node)
        {
            if (node is null) return ParameterSchema.Empty;
            var pageNodes = node switch
            {
                JsonArray a => a.ToList(),
                JsonObject o => [o],
                _ => null,
            };
            if (pageNodes is null)
            {
                Problem(node, "spec.parameters must be a JSON Schema object or a list of them (one per form page)");
                return ParameterSchema.Empty;
            }

            var pages = new List<ParameterPage>();
            var definitions = new List<ParameterDefinition>();
            for (var i = 0; i < pageNodes.Count; i++)
            {
                if (pageNodes[i] is not JsonObject page)
                {
                    Problem(pageNodes[i], $"parameter page {i + 1} must be a JSON Schema object");
                    continue;
                }
                var compiled = CheckSchema(page, i);
                if (compiled is null) continue;
                pages.Add(new ParameterPage(Text(page, "title") ?? $"Page {i + 1}", Text(page, "description"), page, compiled));
                CheckDefaults(page["properties"] as JsonObject ?? [], compiled, i);
                var required = (page["required"] as JsonArray)?.Select(r => r?.ToString()).ToHashSet() ?? [];
                var properties = page["properties"] as JsonObject ?? [];
                foreach (var (name, schema) in properties.Concat(ConditionalProperties(page)))
                {
                    if (schema is not JsonObject property) continue;
                    if (definitions.Any(d => d.Name == name))
                    {
                        if (properties.ContainsKey(name) && definitions.First(d => d.Name == name).Page != i)
                            KeyProblem(properties, name, $"parameter '{name}' is defined on more than one page");
                        continue;
                    }
                    definitions.Add(new ParameterDefinition(name, i, property, required.Contains(name) && properties.ContainsKey(name)));
                }
            }
            return new ParameterSchema(pages, definitions);
        }

        /// <summary>Properties that appear only under dependencies/allOf/oneOf/if-then, as Backstage forms allow.</summary>
        private static JsonObject ConditionalProperties(JsonObject page)
        {
            var result = new JsonObject();
            void Walk(JsonNode? n, bool top)
            {
                switch (n)
                {
                    case JsonObject o:
                        if (!top && o["properties"] is JsonObject props)
                            foreach (var (k, v) in props)
                                if (!result.ContainsKey(k) && v is JsonObject) result[k] = v.DeepClone();
                        foreach (var key in new[] { "dependencies", "allOf", "anyOf", "oneOf", "if", "then", "else" })
                        {
                            if (o[key] is JsonObject deps && key == "dependencies") foreach (var (_, d) in deps) Walk(d, false);
                            else if (o[key] is JsonArray list) foreach (var item in list) Walk(item, false);
                            else if (o[key] is JsonObject single) Walk(single, false);
                        }
                        break;
                }
            }
            Walk(page, true);
            var top = page["properties"] as JsonObject;
            foreach (var k in result.Select(kv => kv.Key).Where(k => top?.ContainsKey(k) == true).ToList()) result.Remove(k);
            return result;
        }

        private JsonSchema? CheckSchema(JsonObject page, int index)
        {
            var problems = SchemaChecker.Check(page, $"parameter page {index + 1}");
            foreach (var (at, message) in problems) Problem(at ?? page, message);
            if (problems.Count > 0) return null;
            try
            {
                return SchemaCompiler.Compile(page);
            }
            catch (Exception e) when (e is JsonSchemaException or ArgumentException or InvalidOperationException or JsonException)
            {
                Problem(page, $"invalid JSON Schema on parameter page {index + 1}: {e.Message}");
                return null;
            }
        }

        /// <summary>A default that breaks its own parameter's rules would make every form start invalid.</summary>
        private void CheckDefaults(JsonObject properties, JsonSchema page, int index)
        {
            var defaults = new JsonObject();
            foreach (var (name, schema) in properties)
                if (schema is JsonObject p && p.ContainsKey("default")) defaults[name] = p["default"]?.DeepClone();
            if (defaults.Count == 0) return;
            var result = SchemaCompiler.Evaluate(page, defaults);
            if (result.IsValid) return;
            var broken = new[] { result }.Concat(result.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 } && !d.Errors.ContainsKey("required"))
                .Select(d => d.InstanceLocation.ToString().Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault())
                .Where(n => n is not null && defaults.ContainsKey(n))
                .Distinct();
            foreach (var name in broken)
                Problem(properties[name!]!["default"] ?? properties[name!], $"parameter '{name}': the default {defaults[name!]?.ToJsonString() ?? "null"} breaks its own schema");
        }

        private List<TemplateStep> ReadSteps(JsonNode? node, ParameterSchema parameters)
        {
            var steps = new List<TemplateStep>();
            if (node is not JsonArray list)
            {
                Problem(node, "spec.steps must be a list of steps");
                return steps;
            }
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject step)
                {
                    Problem(list[i], $"step {i + 1} must be a mapping with action and input");
                    continue;
                }
                foreach (var key in step.Select(kv => kv.Key).Where(k => !StepKeys.Contains(k)))
                    KeyProblem(step, key, $"unknown step key '{key}'; a step has {string.Join(", ", StepKeys)}");
                var id = Text(step, "id") ?? $"step-{i + 1}";
                if (seen.TryGetValue(id, out var first))
                    Problem(step["id"], $"duplicate step id '{id}' (also step {first + 1}); step ids must be unique");
                else seen[id] = i;

                var actionId = Text(step, "action");
                var action = actionId is null ? null : loader.Find(actionId);
                if (actionId is null) Problem(step, $"step '{id}' has no action");
                else if (action is null)
                    Problem(step["action"], $"unknown action '{actionId}' in step '{id}'; known actions: {string.Join(", ", loader.KnownActions)}");

                var input = step["input"] as JsonObject ?? [];
                if (step["input"] is not null and not JsonObject) Problem(step["input"], $"step '{id}': input must be a mapping");
                if (action is not null) CheckInputKeys(id, action, input);

                var roots = new HashSet<string>(["parameters", "steps", "user", "secrets", "context"], StringComparer.Ordinal);
                if (step["each"] is not null) roots.Add("each");
                var earlier = steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
                CheckExpressions(step["if"], roots, earlier, id);
                CheckExpressions(step["each"], roots, earlier, id);
                CheckExpressions(input, roots, earlier, id);

                steps.Add(new TemplateStep(id, Text(step, "name") ?? id, actionId ?? "", input, step["if"], step["each"], doc.MarkOf(step)));
            }
            return steps;
        }

        private void CheckInputKeys(string stepId, IScaffolderAction action, JsonObject input)
        {
            var schema = action.InputSchema;
            var properties = schema["properties"] as JsonObject;
            if (properties is not null && schema["additionalProperties"] is JsonValue v && v.TryGetValue<bool>(out var allowed) && !allowed)
            {
                foreach (var key in input.Select(kv => kv.Key).Where(k => !properties.ContainsKey(k)))
                    KeyProblem(input, key, $"step '{stepId}': {action.Id} has no input '{key}'; its inputs are {string.Join(", ", properties.Select(p => p.Key))}");
            }
            foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.ToString()))
                if (!input.ContainsKey(required))
                    Problem(input.Count > 0 ? input : null, $"step '{stepId}': {action.Id} needs the input '{required}'");
        }

        private void CheckExpressions(JsonNode? node, IReadOnlySet<string> roots, IReadOnlySet<string> earlierSteps, string stepId)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (_, v) in o) CheckExpressions(v, roots, earlierSteps, stepId);
                    break;
                case JsonArray a:
                    foreach (var v in a) CheckExpressions(v, roots, earlierSteps, stepId);
                    break;
                case JsonValue v when v.TryGetValue<string>(out var text) && NunjucksTemplateHints.HasSyntax(text):
                    try
                    {
                        _checker.Check(text, "template.yaml", roots);
                    }
                    catch (RenderException e)
                    {
                        Problem(v, $"step '{stepId}': {e.Problem}");
                        break;
                    }
                    foreach (var referenced in NunjucksTemplateHints.StepReferences(text))
                        if (!earlierSteps.Contains(referenced))
                            Problem(v, $"step '{stepId}' reads steps.{referenced}, which is not a step that runs before it");
                    break;
            }
        }

        private TemplateOutput ReadOutput(JsonNode? node, List<TemplateStep> steps)
        {
            if (node is null) return TemplateOutput.Empty;
            if (node is not JsonObject output)
            {
                Problem(node, "spec.output must be a mapping with links and text");
                return TemplateOutput.Empty;
            }
            var roots = new HashSet<string>(["parameters", "steps", "user", "secrets", "context"], StringComparer.Ordinal);
            CheckExpressions(output, roots, steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal), "output");
            return new TemplateOutput(output["links"] as JsonArray ?? [], output["text"] as JsonArray ?? []);
        }

        private List<TemplateMigration> ReadMigrations(JsonNode? node)
        {
            var migrations = new List<TemplateMigration>();
            if (node is null) return migrations;
            if (node is not JsonArray list)
            {
                Problem(node, "spec.migrations must be a list of { version, renameParameters, setAnswers, moveFiles, removeParameters } entries");
                return migrations;
            }
            foreach (var item in list)
            {
                if (item is not JsonObject m)
                {
                    Problem(item, "a migration is a mapping with version and operations");
                    continue;
                }
                if (!SemanticVersion.TryParse(Text(m, "version"), out var version))
                {
                    Problem(m["version"] ?? m, "a migration needs the SemVer version that introduces it");
                    continue;
                }
                var operations = new List<MigrationOperation>();
                foreach (var (key, value) in m)
                {
                    switch (key)
                    {
                        case "version": break;
                        case "renameParameters" when value is JsonObject renames:
                            operations.AddRange(renames.Select(r => (MigrationOperation)new RenameParameter(r.Key, r.Value?.ToString() ?? "")));
                            break;
                        case "moveFiles" when value is JsonObject moves:
                            foreach (var (from, to) in moves)
                            {
                                if (!RepoPathValid(from) || !RepoPathValid(to?.ToString() ?? ""))
                                    KeyProblem(moves, from, $"migration {version}: '{from}' -> '{to}' must be relative paths inside the repo");
                                operations.Add(new MoveFile(from, to?.ToString() ?? ""));
                            }
                            break;
                        case "setAnswers" when value is JsonObject sets:
                            operations.AddRange(sets.Select(a => (MigrationOperation)new SetAnswer(a.Key, a.Value?.DeepClone())));
                            break;
                        case "removeParameters" when value is JsonArray removed:
                            operations.AddRange(removed.Select(r => (MigrationOperation)new RemoveParameter(r?.ToString() ?? "")));
                            break;
                        default:
                            KeyProblem(m, key, $"migration {version}: unknown key '{key}'; use renameParameters, setAnswers, moveFiles or removeParameters");
                            break;
                    }
                }
                migrations.Add(new TemplateMigration(version, operations, doc.MarkOf(m)));
            }
            return migrations.OrderBy(m => m.Version).ToList();
        }

        private static bool RepoPathValid(string path) => FileSets.RepoPath.TryNormalize(path, out _, out _);

        private static string? Text(JsonObject o, string key) =>
            o[key] is JsonValue v ? v.TryGetValue<string>(out var s) ? s : v.ToJsonString() : null;
    }

    private IScaffolderAction? Find(string id) => actions.Find(id);

    private IEnumerable<string> KnownActions => actions.All.Select(a => a.Id);

    [GeneratedRegex(@"^(?=.{1,63}$)[a-zA-Z0-9]+(?:[-_.][a-zA-Z0-9]+)*$")]
    private static partial Regex EntityName();
}
