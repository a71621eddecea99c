using KafkaTemplates.Engine;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing.Tests;

/// <summary>Runs the fixture template that publishes, with publishing switched on and the given settings.</summary>
internal static class PublishRun
{
    public static string TemplateFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "TemplateThatPublishes");

    /// <summary>Settings as a test's environment gives them; retries wait a few milliseconds.</summary>
    public static PublishSettings Settings(params (string Name, string Value)[] variables) =>
        PublishSettings.FromEnvironment(variables.Append((Name: PublishSettings.RetryDelayVariable, Value: "5")).ToDictionary(v => v.Name, v => v.Value));

    /// <summary>The fixture template that passes each host's settings inputs (branch protection, variables, ...).</summary>
    public static string SettingsTemplateFolder => Path.Combine(AppContext.BaseDirectory, "Fixtures", "TemplateWithHostSettings");

    public static Task<(ScaffoldResult Result, ScaffoldLog Log)> RunAsync(PublishSettings settings, params (string Name, string Value)[] answers) =>
        RunTemplateAsync(TemplateFolder, settings, answers);

    public static async Task<(ScaffoldResult Result, ScaffoldLog Log)> RunTemplateAsync(string folder, PublishSettings settings, params (string Name, string Value)[] answers)
    {
        var engine = new EngineServices(PublishingActions.Create(settings));
        var template = engine.Loader.Load(folder, TemplateSource.Folder(folder));
        var input = new AnswerInput();
        foreach (var (name, value) in answers) input.FromSet.Add(new(name, value));
        var log = new ScaffoldLog();
        var result = await engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), log);
        return (result, log);
    }

    /// <summary>Everything a run logged, one line per entry, to check that no token is in it.</summary>
    public static string Text(ScaffoldLog log) => string.Join('\n', log.Entries.Select(e => $"{e.StepId}: {e.Message}"));
}
