using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Rendering;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Engine.Steps;

/// <summary>
/// Runs a template's steps in order, as Backstage's workflow runner does, into an in-memory <see cref="FileSet"/>:
/// evaluates <c>if</c> and <c>each</c>, renders each input (typed when an input is one expression), checks it against
/// the action's schema, runs the action and records its outputs for later steps. Nothing touches the disk.
/// </summary>
public sealed class Scaffolder(ActionRegistry actions, NunjucksRenderer renderer)
{
    public NunjucksRenderer Renderer => renderer;

    public async Task<ScaffoldResult> RunAsync(TemplateDefinition template, AnswerSet answers, ScaffoldOptions options,
        IScaffoldLog log, CancellationToken cancellationToken = default)
    {
        var safeLog = new RedactingLog(log, answers.SecretValues);
        try
        {
            return await RunCoreAsync(template, answers, options, safeLog, cancellationToken);
        }
        catch (ScaffoldException e)
        {
            // An error may quote a value; values derived from secrets are masked there as in the log.
            var redacted = safeLog.Redact(e.Message);
            if (redacted == e.Message) throw;
            throw new ScaffoldException(redacted);
        }
    }

    private async Task<ScaffoldResult> RunCoreAsync(TemplateDefinition template, AnswerSet answers, ScaffoldOptions options,
        RedactingLog safeLog, CancellationToken cancellationToken)
    {
        var budget = options.Budget ?? new RenderBudget(renderer.Limits, cancellationToken);
        var taint = new SecretTaint(answers);
        var workspace = new FileSet();
        var stepOutputs = new OrderedDictionary<string, object?>(StringComparer.Ordinal);
        var reports = new List<StepReport>();
        var parameters = PlainValues.FromJson(answers.ToJson(includeSecrets: true));
        var secrets = PlainValues.FromJson(new JsonObject(answers.Where(a => answers.SecretNames.Contains(a.Key))
            .Select(a => KeyValuePair.Create(a.Key, a.Value?.DeepClone()))));
        var user = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
        {
            ["ref"] = options.UserRef ?? "",
            ["entity"] = new OrderedDictionary<string, object?>(StringComparer.Ordinal),
        };

        Dictionary<string, object?> Scope(object? each = null, int standIn = -1)
        {
            var scope = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["parameters"] = standIn < 0 ? parameters : taint.Variants[standIn].Parameters,
                ["steps"] = stepOutputs,
                ["secrets"] = standIn < 0 ? secrets : taint.Variants[standIn].Secrets,
                ["user"] = user,
            };
            if (each is not null) scope["each"] = each;
            return scope;
        }

        var answersFile = AnswersFile.Create(template, answers);
        var answersFileAdded = false;
        void AddAnswersFile()
        {
            if (workspace.FirstNameClash() is { } clash)
                throw new ScaffoldException($"the template writes both '{clash.First}' and '{clash.Second}', which are one file on macOS and Windows (the names differ only in letter case); give them distinct names");
            if (!options.WriteAnswersFile || answersFileAdded) return;
            if (workspace.Contains(AnswersFile.FileName))
                throw new ScaffoldException($"the template writes {AnswersFile.FileName} itself; that name is reserved for the answers file");
            workspace.Put(GeneratedFile.FromText(AnswersFile.FileName, answersFile.Write()));
            answersFileAdded = true;
        }

        foreach (var step in template.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            var action = actions.Find(step.Action) ?? throw new ScaffoldException($"step '{step.Id}': unknown action '{step.Action}'");

            if (step.If is not null && !IsTruthy(RenderNode(step.If, step, Scope(), budget)))
            {
                safeLog.Info(step.Id, $"skipped '{step.Name}': its if-condition is false");
                reports.Add(new StepReport(step.Id, step.Name, step.Action, StepOutcome.SkippedByCondition, clock.Elapsed));
                continue;
            }
            if (options.DryRun && action.ChangesTheWorld)
            {
                safeLog.Info(step.Id, $"skipped '{step.Name}' ({step.Action}): a dry run changes nothing outside the files");
                reports.Add(new StepReport(step.Id, step.Name, step.Action, StepOutcome.SkippedInDryRun, clock.Elapsed));
                continue;
            }
            if (!action.RunsLocally)
            {
                await action.RunAsync(new ActionContext(step.Id, [], workspace, template.Directory, renderer, budget, safeLog, []), cancellationToken);
                reports.Add(new StepReport(step.Id, step.Name, step.Action, StepOutcome.PortalOnly, clock.Elapsed));
                continue;
            }

            safeLog.Info(step.Id, $"beginning step '{step.Name}' ({step.Action})");
            var outputs = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            var aggregated = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
            // A step that iterates over something derived from a secret has every input derived from it.
            var eachDerived = taint.Active && step.Each is not null && Derived(taint, step.Each, step, s => Scope(null, s), null, budget).Any();
            var inputDerived = false;
            foreach (var each in Iterations(step, Scope(), budget))
            {
                var stepOutputsThisRun = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                var input = RenderNode(step.Input, step, Scope(each), budget) as JsonObject ?? [];
                if (taint.Active)
                {
                    var derived = Derived(taint, step.Input, step, s => Scope(each, s), eachDerived ? null : input, budget).ToList();
                    if (eachDerived) derived.AddRange(AllText(input));
                    foreach (var value in derived) safeLog.AddDerived(value);
                    inputDerived |= derived.Count > 0;
                }
                CheckInput(step, action, input);
                if (action.PublishesWorkspace) AddAnswersFile();
                try
                {
                    using var paused = action.ChangesTheWorld ? budget.PauseClock() : null;
                    await action.RunAsync(new ActionContext(step.Id, input, workspace, template.Directory, renderer, budget, safeLog, stepOutputsThisRun), cancellationToken);
                }
                catch (Exception e) when (e is UnsafePathException or RenderException or IOException or UnauthorizedAccessException)
                {
                    throw new ScaffoldException(new ActionException(step.Id, e.Message).Message, e);
                }
                catch (ActionException e)
                {
                    throw new ScaffoldException(e.Message, e);
                }
                foreach (var (k, v) in stepOutputsThisRun)
                {
                    // Backstage gathers the outputs of an each-step into lists.
                    if (step.Each is not null) (aggregated.TryGetValue(k, out var list) ? list : aggregated[k] = []).Add(v?.DeepClone());
                    else outputs[k] = v;
                }
            }
            foreach (var (k, v) in aggregated) outputs[k] = v;
            // What an action computed from a secret is secret too.
            if (inputDerived) foreach (var value in outputs.Values.SelectMany(AllText)) safeLog.AddDerived(value);
            stepOutputs[step.Id] = new OrderedDictionary<string, object?>(StringComparer.Ordinal)
            {
                ["output"] = PlainValues.FromJson(new JsonObject(outputs.Select(o => KeyValuePair.Create(o.Key, o.Value?.DeepClone())))),
            };
            reports.Add(new StepReport(step.Id, step.Name, step.Action, StepOutcome.Ran, clock.Elapsed));
            safeLog.Info(step.Id, $"finished step '{step.Name}'");
        }

        AddAnswersFile();

        var outputTemplate = new JsonObject
        {
            ["links"] = template.Output.Links.DeepClone(),
            ["text"] = template.Output.Text.DeepClone(),
        };
        var output = RenderNode(outputTemplate, null, Scope(), budget) as JsonObject ?? [];
        if (taint.Active)
        {
            // Output is printed by the CLI and stored by the portal: a value derived from a secret is masked there.
            var standIns = StandInRenders(taint, outputTemplate, null, s => Scope(null, s), budget);
            output = taint.Mask(output, standIns ?? [], failed: standIns is null) as JsonObject ?? [];
        }
        return new ScaffoldResult(workspace, answersFile, output, reports);
    }

    /// <summary>The string values of <paramref name="node"/> (rendered with the real secrets) that depend on a secret.</summary>
    private IEnumerable<string> Derived(SecretTaint taint, JsonNode? node, TemplateStep step, Func<int, Dictionary<string, object?>> scope, JsonNode? rendered,
        RenderBudget budget)
    {
        rendered ??= RenderNode(node, step, scope(-1), budget);
        var standIns = StandInRenders(taint, node, step, scope, budget);
        return taint.Derived(rendered, standIns ?? [], failed: standIns is null);
    }

    /// <summary>The node rendered with each set of stand-in secrets; null when a stand-in makes rendering fail.</summary>
    private List<JsonNode?>? StandInRenders(SecretTaint taint, JsonNode? node, TemplateStep? step, Func<int, Dictionary<string, object?>> scope,
        RenderBudget budget)
    {
        var renders = new List<JsonNode?>();
        for (var i = 0; i < taint.Variants.Count; i++)
        {
            try
            {
                renders.Add(RenderNode(node, step, scope(i), budget));
            }
            catch (ScaffoldException e) when (e.InnerException is not RenderLimitException)
            {
                return null;
            }
        }
        return renders;
    }

    private static IEnumerable<string> AllText(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => AllText(p.Value)),
        JsonArray a => a.SelectMany(AllText),
        JsonValue v => [v.TryGetValue<string>(out var s) ? s : v.ToJsonString()],
        _ => [],
    };

    private IEnumerable<object?> Iterations(TemplateStep step, Dictionary<string, object?> scope, RenderBudget budget)
    {
        if (step.Each is null)
        {
            yield return null;
            yield break;
        }
        var value = PlainValues.FromJson(RenderNode(step.Each, step, scope, budget));
        switch (value)
        {
            case List<object?> list:
                for (var i = 0; i < list.Count; i++)
                    yield return new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["key"] = (long)i, ["value"] = list[i] };
                break;
            case OrderedDictionary<string, object?> dict:
                foreach (var (k, v) in dict)
                    yield return new OrderedDictionary<string, object?>(StringComparer.Ordinal) { ["key"] = k, ["value"] = v };
                break;
            default:
                throw new ScaffoldException($"step '{step.Id}': each must give a list or an object, not {JsSemantics.ToJsString(value)}");
        }
    }

    /// <summary>Backstage's isTruthy: a list is true when it has items; everything else by JavaScript's rules.</summary>
    private static bool IsTruthy(JsonNode? value) => value switch
    {
        JsonArray a => a.Count > 0,
        _ => JsSemantics.Truthy(PlainValues.FromJson(value)),
    };

    /// <summary>Renders every string in a YAML value; an input that renders to nothing is left out, as in Backstage.</summary>
    private JsonNode? RenderNode(JsonNode? node, TemplateStep? step, Dictionary<string, object?> scope, RenderBudget budget)
    {
        switch (node)
        {
            case JsonObject o:
                var result = new JsonObject();
                foreach (var (k, v) in o)
                {
                    var rendered = RenderNode(v, step, scope, budget);
                    if (rendered is not null || v is null || !IsString(v)) result[k] = rendered;
                }
                return result;
            case JsonArray a:
                return new JsonArray(a.Select(v => RenderNode(v, step, scope, budget)).ToArray());
            case JsonValue v when v.TryGetValue<string>(out var text):
                try
                {
                    var value = renderer.RenderValue(text, "template.yaml", scope, budget);
                    return value is Undefined ? null : PlainValues.ToJson(value);
                }
                catch (RenderException e)
                {
                    throw new ScaffoldException(step is null ? $"output: {e.Problem}" : $"step '{step.Id}': {e.Problem}", e);
                }
            default:
                return node?.DeepClone();
        }
    }

    private static bool IsString(JsonNode node) => node is JsonValue v && v.TryGetValue<string>(out _);

    private static void CheckInput(TemplateStep step, IScaffolderAction action, JsonObject input)
    {
        var schema = CompiledSchemas.GetOrAdd(action.Id, _ => SchemaCompiler.Compile(action.InputSchema));
        var result = SchemaCompiler.Evaluate(schema, input);
        if (result.IsValid) return;
        var problems = new[] { result }.Concat(result.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? "input" + at : "input")}: {e.Value}"));
        throw new ScaffoldException($"step '{step.Id}': the input of {action.Id} is invalid: {string.Join("; ", problems)}");
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonSchema> CompiledSchemas = new();
}
