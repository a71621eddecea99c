using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Steps;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Writing;
using KafkaTemplates.Testing;
using KafkaTemplates.Upgrades.Planning;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Upgrades.Tests;

/// <summary>
/// Two versions of a template whose template.yaml a test writes (the skeletons are scenario 11's: config.yaml moves
/// to conf/app.yaml in 1.1.0), laid out as v1/, v2/ and repo/ in a temp folder, so the recorded source is "../v1".
/// </summary>
public sealed class UpgraderFixture : IDisposable
{
    private readonly TempFolder _temp = new("upgrader");

    public const string Steps = """
          steps:
            - id: fetch
              action: fetch:template
              input:
                url: ./skeleton
                values:
                  name: ${{ parameters.name }}
                  replicas: ${{ parameters.REPLICAS }}
        """;

    public string V1 => _temp.Combine("v1");

    public string V2 => _temp.Combine("v2");

    public string Repo => _temp.Combine("repo");

    public string AnswersPath => Path.Combine(Repo, AnswersFile.FileName);

    public string Combine(params string[] parts) => _temp.Combine(parts);

    /// <summary>
    /// v1 and v2 with the given parameters (YAML under <c>parameters:</c>) and, for v2, migrations (YAML under
    /// <c>migrations:</c>); replicas come from the parameter named <paramref name="v1Replicas"/> / <paramref name="v2Replicas"/>.
    /// </summary>
    public static UpgraderFixture Create(string v1Parameters, string v2Parameters, string v2Migrations = "",
        string v1Replicas = "replicas", string v2Replicas = "size", string v2ExtraSteps = "")
    {
        var fixture = new UpgraderFixture();
        var scenario = Path.Combine(UpgradeScenario.ScenariosRoot, "11-migration");
        UpgradeScenario.CopyTree(Path.Combine(scenario, "v1", "skeleton"), Path.Combine(fixture.V1, "skeleton"));
        UpgradeScenario.CopyTree(Path.Combine(scenario, "v2", "skeleton"), Path.Combine(fixture.V2, "skeleton"));
        File.WriteAllText(Path.Combine(fixture.V1, TemplateLoader.FileName), Template("1.0.0", v1Parameters, v1Replicas, "", ""));
        File.WriteAllText(Path.Combine(fixture.V2, TemplateLoader.FileName), Template("1.1.0", v2Parameters, v2Replicas, v2Migrations, v2ExtraSteps));
        return fixture;
    }

    private static string Template(string version, string parameters, string replicas, string migrations, string extraSteps) => $"""
        apiVersion: scaffolder.backstage.io/v1beta3
        kind: Template
        metadata:
          name: service-config
          annotations:
            kafka-templates.dev/version: {version}
        spec:
          type: service
          parameters:
        {Indent(parameters, 4)}
        {Steps.Replace("REPLICAS", replicas, StringComparison.Ordinal)}
        {Indent(extraSteps, 4)}
          migrations:
        {(migrations.Length == 0 ? "    []" : Indent(migrations, 4))}

        """;

    private static string Indent(string yaml, int spaces) =>
        string.Join('\n', yaml.Split('\n').Select(l => l.Length == 0 ? l : new string(' ', spaces) + l));

    /// <summary>Generates the repo from v1, with <paramref name="sets"/> as the user's --set answers.</summary>
    public Task GenerateAsync(params KeyValuePair<string, string>[] sets) =>
        GenerateAsync(UpgradeScenario.Engine.Loader.Load(V1, TemplateSource.Folder("../v1")), sets);

    /// <summary>Generates the repo from <paramref name="template"/> (such as one loaded from a git tag).</summary>
    public async Task GenerateAsync(TemplateDefinition template, params KeyValuePair<string, string>[] sets)
    {
        var input = new AnswerInput();
        input.FromSet.AddRange(sets);
        var result = await UpgradeScenario.Engine.Scaffolder.RunAsync(template, ParameterBinder.Bind(template.Parameters, input), new ScaffoldOptions(), ScaffoldLog.Null);
        AtomicDirectoryWriter.Write(result.Files, Repo);
    }

    public TemplateVersions Versions() =>
        new(UpgradeScenario.Engine.Loader, _temp.Combine("no-builtin-templates"), cacheRoot: _temp.Combine("git-cache"));

    public Upgrader Upgrader() => new(UpgradeScenario.Engine, Versions());

    public Task<UpgradePlan> PlanAsync(string? to = "../v2", params KeyValuePair<string, string>[] sets) =>
        Upgrader().PlanAsync(new UpgradeRequest { RepoDirectory = Repo, To = to is null ? null : Path.GetFullPath(Path.Combine(Repo, to)), Set = sets });

    public void Dispose() => _temp.Dispose();
}
