using KafkaTemplates.Engine.Tools;

namespace KafkaTemplates.Installation.Rendering;

/// <summary>Finds the helm binary: --helm when given, else the first helm on PATH.</summary>
public static class HelmLocator
{
    public const string NotFoundMessage =
        "helm was not found on PATH: install Helm 3.13 or later (https://helm.sh/docs/intro/install/), or pass --helm <path>";

    public static string Locate(string? explicitPath, IReadOnlyDictionary<string, string> variables)
    {
        if (explicitPath is not null)
        {
            if (!File.Exists(explicitPath)) throw new InstallInputException($"--helm: '{explicitPath}' does not exist");
            return explicitPath;
        }

        var path = variables.TryGetValue("PATH", out var p) ? p : variables.TryGetValue("Path", out var w) ? w : "";
        return ToolLocator.Find("helm", path) ?? throw new InstallInputException(NotFoundMessage);
    }
}
