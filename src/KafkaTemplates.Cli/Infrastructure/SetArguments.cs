using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;

namespace KafkaTemplates.Cli.Infrastructure;

internal static class SetArguments
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(IEnumerable<string> assignments) =>
        assignments.Select(a =>
        {
            try
            {
                var (k, v) = SetValueParser.Split(a);
                return KeyValuePair.Create(k, v);
            }
            catch (FormatException)
            {
                throw new UsageException($"--set '{a}': write --set name=value");
            }
        }).ToList();

    /// <summary>Versions and git sources pass through; a folder becomes an absolute path (the command's cwd counts).</summary>
    public static string ResolveSource(string text, CliEnvironment environment) =>
        text.StartsWith("git+", StringComparison.Ordinal) || SemanticVersion.TryParse(text, out _) && !Directory.Exists(environment.ResolvePath(text))
            ? text
            : environment.ResolvePath(text);
}
