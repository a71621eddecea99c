using System.Collections.Concurrent;
using KafkaTemplates.Engine.FileSets;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.UseCases.Upgrade;

/// <summary>
/// Where one repo stands: its version and the newest its source offers, the conflicts an earlier upgrade left in it,
/// or why that could not be read.
/// </summary>
public sealed record RepoStanding(string Repo, SemanticVersion? Current, SemanticVersion? Newest, Exception? Error)
{
    public IReadOnlyList<UnresolvedConflict> Unresolved { get; init; } = [];

    public bool Behind => Current is not null && Newest is not null && Current < Newest;
}

/// <summary>
/// Whether repos are behind the newest version of their template, or hold conflicts an upgrade left (for CI), every
/// repo in parallel.
/// </summary>
public sealed class CheckRepos(UseCaseContext context)
{
    public IReadOnlyList<RepoStanding> Run(IReadOnlyList<string> repos, CancellationToken cancellationToken)
    {
        var rows = new ConcurrentDictionary<string, RepoStanding>();
        Parallel.ForEach(repos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, repo =>
        {
            try
            {
                var answers = Upgrader.ReadAnswers(repo);
                rows[repo] = new RepoStanding(repo, answers.Version, context.Versions.Newest(answers.Template, answers.Source, repo), null)
                {
                    Unresolved = ConflictMarkers.InFolder(repo),
                };
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                rows[repo] = new RepoStanding(repo, null, null, e);
            }
        });
        return [.. repos.Select(r => rows[r])];
    }
}
