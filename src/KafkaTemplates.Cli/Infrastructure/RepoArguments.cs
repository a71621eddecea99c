using KafkaTemplates.Engine.Answers;
using KafkaTemplates.Engine.FileSets;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// Expands repo arguments for fleet commands: plain folders, and globs (repos/*, teams/**/kafka) matched against
/// folders that hold an answers file.
/// </summary>
internal static class RepoArguments
{
    public static IReadOnlyList<string> Expand(IEnumerable<string> arguments, CliEnvironment environment)
    {
        var repos = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.IndexOfAny(['*', '?', '[']) < 0)
            {
                repos.Add(environment.ResolvePath(argument));
                continue;
            }
            var normalized = argument.Replace('\\', '/');
            var firstGlob = normalized.IndexOfAny(['*', '?', '[']);
            var prefixEnd = normalized.LastIndexOf('/', firstGlob);
            var root = environment.ResolvePath(prefixEnd < 0 ? "." : normalized[..prefixEnd]);
            var glob = new Glob(prefixEnd < 0 ? normalized : normalized[(prefixEnd + 1)..]);
            var matches = Directory.Exists(root)
                ? Directory.EnumerateFiles(root, AnswersFile.FileName, SearchOption.AllDirectories)
                    .Select(Path.GetDirectoryName)
                    .Where(d => glob.IsMatch(Path.GetRelativePath(root, d!).Replace('\\', '/')))
                    .Select(d => d!)
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            if (matches.Count == 0) throw new UsageException($"'{argument}' matches no generated repo (a folder with {AnswersFile.FileName})");
            repos.AddRange(matches);
        }
        if (repos.Count == 0) throw new UsageException("give at least one repo folder (or a glob such as repos/*)");
        return repos.Distinct().ToList();
    }
}
