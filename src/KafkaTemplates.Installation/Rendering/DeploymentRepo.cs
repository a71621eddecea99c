using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Yaml;
using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>
/// A deployment repo as the installer sees it: the chart in helm/, with its name, version and the Kubernetes versions
/// it declares it supports (Chart.yaml kubeVersion).
/// </summary>
internal sealed class DeploymentRepo
{
    public const string ChartFolder = "helm";

    private DeploymentRepo(string root, string chartDirectory, string chartName, string chartVersion, string? kubeVersion, JsonObject defaultValues)
    {
        Root = root;
        ChartDirectory = chartDirectory;
        ChartName = chartName;
        ChartVersion = chartVersion;
        KubeVersion = kubeVersion;
        DefaultValues = defaultValues;
    }

    public string Root { get; }

    public string ChartDirectory { get; }

    public string ChartName { get; }

    public string ChartVersion { get; }

    /// <summary>The chart's kubeVersion constraint, e.g. "&gt;=1.29.0-0"; null when it declares none.</summary>
    public string? KubeVersion { get; }

    /// <summary>The chart's values.yaml, for the few defaults the installer reads (the KRaft cluster id).</summary>
    public JsonObject DefaultValues { get; }

    /// <summary>
    /// The release and namespace this repo installs as: those asked for, else what its answers file and folder name
    /// give by the one rule every command uses (<see cref="ReleaseIdentity"/>).
    /// </summary>
    public ReleaseIdentity Identity(string? release, string? @namespace)
    {
        JsonObject? answers = null;
        var path = Path.Combine(Root, AnswersFile.FileName);
        if (File.Exists(path) && (release is null || @namespace is null))
        {
            try
            {
                answers = AnswersFile.Read(path).Answers;
            }
            catch (YamlFormatException e)
            {
                throw new InstallInputException($"{AnswersFile.FileName} cannot be read ({e.Message}): fix it, or give {Setting.Release} and {Setting.Namespace}", e);
            }
        }
        try
        {
            return ReleaseIdentity.Derive(answers, RepoFiles.FolderName(Root), release, @namespace);
        }
        catch (ReleaseIdentityException e)
        {
            throw new InstallInputException(e.Message, e);
        }
    }

    /// <summary>Says what is wrong when <paramref name="root"/> is not a deployment repo's folder, before anything reads it.</summary>
    public static void CheckIsRepo(string root)
    {
        if (!Directory.Exists(root)) throw new InstallInputException($"'{root}' does not exist: give the folder of a deployment repo");
        if (!File.Exists(Path.Combine(root, ChartFolder, "Chart.yaml")))
            throw new InstallInputException($"'{root}' is not a deployment repo: it has no {ChartFolder}/Chart.yaml. Create one from the hypertrace-kafka template, or give the repo's root folder");
        // helm and this reader follow links: a chart that reaches out of the repo would install, and print, files of the machine.
        try
        {
            RepoFiles.CheckStaysInside(root, ChartFolder);
            if (File.Exists(Path.Combine(root, AnswersFile.FileName)) && FileKinds.LeavesFolder(root, Path.Combine(root, AnswersFile.FileName)))
                throw new RepoFileException($"'{AnswersFile.FileName}' is a symbolic link that leads out of the repo; replace it with the file itself");
        }
        catch (RepoFileException e)
        {
            throw new InstallInputException(e.Message, e);
        }
    }

    public static DeploymentRepo Open(string root)
    {
        CheckIsRepo(root);
        var chart = Path.Combine(root, ChartFolder);
        var chartYaml = Path.Combine(chart, "Chart.yaml");

        var metadata = ReadMapping(chartYaml, "helm/Chart.yaml");
        var name = metadata["name"]?.ToString();
        var version = metadata["version"]?.ToString();
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(version))
            throw new InstallInputException("helm/Chart.yaml must name the chart and its version (name:, version:)");
        var valuesPath = Path.Combine(chart, "values.yaml");
        var values = File.Exists(valuesPath) ? ReadMapping(valuesPath, "helm/values.yaml") : [];
        return new DeploymentRepo(Path.GetFullPath(root), chart, name, version, metadata["kubeVersion"]?.ToString(), values);
    }

    /// <summary>Reads a YAML mapping file (Chart.yaml, a values file) as the API machinery reads YAML, within the input limits.</summary>
    public static JsonObject ReadMapping(string path, string display)
    {
        try
        {
            return YamlReader.ReadFile(path, display, YamlReadOptions.Kubernetes).Root switch
            {
                null => [],
                JsonObject o => o,
                _ => throw new InstallInputException($"{display} must be a YAML mapping"),
            };
        }
        catch (YamlFormatException e)
        {
            throw new InstallInputException($"{display} is not valid YAML: {e.Message}", e);
        }
        catch (FileNotFoundException)
        {
            throw new InstallInputException($"{Setting.Values}: the file '{display}' does not exist");
        }
    }
}
