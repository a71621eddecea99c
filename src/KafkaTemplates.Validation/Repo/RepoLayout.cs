namespace KafkaTemplates.Validation.Repo;

/// <summary>Where things live in a hypertrace-kafka deployment repo. Paths are repo-relative with '/' separators.</summary>
internal static class RepoLayout
{
    public const string AnswersFile = ".kafka-templates.yaml";
    public const string ChartFolder = "helm";
    public const string ChartFile = "helm/Chart.yaml";
    public const string ValuesFile = "helm/values.yaml";
    public const string SchemaFile = "helm/values.schema.json";
    public const string TemplatesFolder = "helm/templates";
    public const string HelpersFile = "helm/templates/_helpers.tpl";
    public const string NotesFile = "helm/templates/NOTES.txt";
    public const string PrometheusRuleTemplate = "helm/templates/prometheusrule.yaml";
    public const string ExporterConfig = "helm/files/jmx-exporter.yaml";
    public const string Dockerfile = "Dockerfile";
    public const string DockerFolder = "docker";
    public const string Runbooks = "docs/runbooks.md";
    public const string GitHubWorkflowsFolder = ".github/workflows";
    public const string GitHubCiWorkflow = ".github/workflows/ci.yaml";
    public const string GitLabCi = ".gitlab-ci.yml";

    /// <summary>Files every deployment repo has, whichever CI it chose.</summary>
    public static readonly IReadOnlyList<string> RequiredFiles =
    [
        Dockerfile, "docker/entrypoint.sh", "README.md", "catalog-info.yaml", Runbooks,
        ChartFile, ValuesFile, SchemaFile, NotesFile, ExporterConfig,
    ];

    /// <summary>The CI file the `ci` answer promises.</summary>
    public static string? CiFileFor(string? ci) => ci switch
    {
        "github" => GitHubCiWorkflow,
        "gitlab" => GitLabCi,
        _ => null,
    };
}
