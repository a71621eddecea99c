using System.Collections.Concurrent;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.UseCases.Upgrade;

/// <summary>One repo's plan, or why it could not be planned.</summary>
public sealed record RepoPlan(string Repo, UpgradePlan? Plan, Exception? Error);

/// <summary>
/// What upgrading would do, without doing it, for one repo or a fleet: every repo planned in parallel, each
/// repo's failure kept with its row. For a single repo a failure is thrown, as there is no table to put it in.
/// </summary>
public sealed class DiffRepos(UseCaseContext context)
{
    public async Task<IReadOnlyList<RepoPlan>> RunAsync(FleetRequest request, CancellationToken cancellationToken)
    {
        var single = request.Repos.Count == 1;
        var upgrader = context.Upgrader;
        var results = new ConcurrentDictionary<string, RepoPlan>();
        await Parallel.ForEachAsync(request.Repos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken }, async (repo, ct) =>
        {
            try
            {
                var plan = await upgrader.PlanAsync(new UpgradeRequest
                {
                    RepoDirectory = repo, To = request.To, From = request.From, Set = request.Set, WithDiffs = single || request.WithDiffs,
                }, ct);
                results[repo] = new RepoPlan(repo, plan, null);
            }
            catch (Exception e) when (e is not OperationCanceledException && !single)
            {
                results[repo] = new RepoPlan(repo, null, e);
            }
        });
        return [.. request.Repos.Select(r => results[r])];
    }
}
