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

        var names = OperatingSystem.IsWindows() ? new[] { "helm.exe", "helm" } : ["helm"];
        var path = variables.TryGetValue("PATH", out var p) ? p : variables.TryGetValue("Path", out var w) ? w : "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        throw new InstallInputException(NotFoundMessage);
    }
}
