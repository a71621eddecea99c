using System.Globalization;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Git;
using KafkaTemplates.Publishing.Hosts.UpgradeRequests;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Upgrades;
using KafkaTemplates.Upgrades.Merging;
using KafkaTemplates.Upgrades.Planning;

namespace KafkaTemplates.UseCases.Upgrade.PullRequests;

/// <summary>
/// Carries a template version into a fleet of repos on GitHub and GitLab, where teams review changes: for each repo,
/// a shallow clone into a folder of its own, the same upgrade <see cref="UpgradeRepo"/> runs locally, one commit on
/// <c>kafka-templates/&lt;template&gt;-&lt;version&gt;</c> pushed with the one <see cref="RepoPusher"/>, and a pull or merge
/// request whose description is the plan. A repo already at the version gets nothing; an open request for the same
/// version is refreshed, never doubled; a repo with conflicts gets its request too, marked as needing a person, with
/// the markers committed. Repos run <see cref="UpgradePullRequestsRequest.Parallel"/> at a time, and each clone is
/// deleted when its repo is done, so the disk never holds more clones than that. One repo's failure is its own row;
/// the others go on. Tokens come only from the <see cref="PublishSettings"/> (configuration or environment).
/// </summary>
public sealed class UpgradePullRequests(UseCaseContext context, PublishSettings settings)
{
    /// <summary>Who the upgrade commits are by, so a later run can tell its own commits from a person's.</summary>
    public const string AuthorName = "kafka-templates", AuthorEmail = "kafka-templates@users.noreply.invalid";

    /// <summary>Checks every repo and the target before anything runs: bad input stops the whole run, naming each problem.</summary>
    /// <exception cref="UpgradeException">A repo that names no configured host or repository, a host without a token, a target that is not a version or git+URL@tag.</exception>
    public IReadOnlyList<HostedRepo> Resolve(UpgradePullRequestsRequest request)
    {
        if (request.Repos.Count == 0) throw new UpgradeException("give at least one repository URL");
        if (request.Parallel < 1) throw new UpgradeException($"the number of repos at once must be 1 or more, not {request.Parallel}");
        if (request.To is { } to && !to.StartsWith("git+", StringComparison.Ordinal) && !SemanticVersion.TryParse(to, out _))
            throw new UpgradeException($"{Setting.To} '{to}': upgrade requests take a version (2.0.0) or git+URL@tag; a folder on this machine would be recorded in every repo");
        var repos = new List<HostedRepo>();
        var problems = new List<string>();
        foreach (var text in request.Repos)
        {
            try
            {
                repos.Add(HostedRepo.Parse(text, settings));
            }
            catch (PublishException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0)
            throw new UpgradeException(problems.Count == 1 ? problems[0] : $"{problems.Count} repos cannot be used:\n  " + string.Join("\n  ", problems.Distinct().Take(20)));
        var twice = repos.GroupBy(r => r.Display, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UpgradeException($"the repository {twice.Key} is listed {twice.Count()} times; list each once");
        return repos;
    }

    /// <returns>One result per repo, in the order given.</returns>
    public async Task<IReadOnlyList<UpgradeRequestResult>> RunAsync(UpgradePullRequestsRequest request, IUpgradePullRequestsObserver observer,
        CancellationToken cancellationToken)
    {
        var repos = Resolve(request);
        var root = Path.Combine(request.WorkRoot ?? Path.GetTempPath(), "kafka-templates-fleet-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        try
        {
            var results = new UpgradeRequestResult[repos.Count];
            var options = new ParallelOptions { MaxDegreeOfParallelism = request.Parallel, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(0, repos.Count), options, async (index, token) =>
            {
                var folder = Path.Combine(root, index.ToString(CultureInfo.InvariantCulture));
                try
                {
                    results[index] = await RunOneAsync(repos[index], folder, request, observer, token);
                }
                finally
                {
                    if (!TryDelete(folder)) observer.Log(repos[index].Display, $"could not delete its clone at {folder}; delete it by hand");
                }
                observer.Finished(results[index]);
            });
            return results;
        }
        finally
        {
            TryDelete(root);
        }
    }

    private async Task<UpgradeRequestResult> RunOneAsync(HostedRepo repo, string folder, UpgradePullRequestsRequest request,
        IUpgradePullRequestsObserver observer, CancellationToken cancellationToken)
    {
        void Log(string message) => observer.Log(repo.Display, message);
        var step = "read the repository from its host";
        try
        {
            var host = UpgradeRequestHosts.For(repo, settings.Retry, Log);
            var info = await host.ReadAsync(cancellationToken);

            step = "clone it";
            var clone = Path.Combine(folder, "repo");
            Directory.CreateDirectory(folder);
            await RepoPusher.CloneAsync(info.CloneUrl, info.DefaultBranch, clone, host.GitCredentials, settings.Retry, Log, cancellationToken);
            observer.Cloned(repo.Display, clone);

            step = "upgrade it";
            var (plan, _) = await new UpgradeRepo(context).RunAsync(new UpgradeRepoRequest
            {
                Plan = new UpgradeRequest { RepoDirectory = clone, To = request.To, Set = request.Set, ConflictStyle = ConflictStyle.Inline },
            }, cancellationToken);
            var result = new UpgradeRequestResult(repo.Display, UpgradeRequestOutcome.UpToDate)
            {
                Template = plan.Base.Id,
                From = plan.Base.Version.ToString(),
                To = plan.Target.Version.ToString(),
                CleanFiles = plan.CleanChanges,
                Conflicts = [.. plan.Conflicts.Select(c => c.Path)],
            };
            if (plan.Unresolved.Count > 0)
                return result with
                {
                    Outcome = UpgradeRequestOutcome.Failed,
                    Conflicts = [],
                    Error = $"{info.DefaultBranch} still holds conflicts an earlier upgrade left ({string.Join(", ", plan.Unresolved.Select(u => u.Path).Take(5))}); resolve them there first",
                };
            if (!plan.ChangesAnything) return result;

            step = "commit the upgrade";
            var branch = UpgradeRequestText.Branch(plan);
            var commit = await RepoPusher.CommitAllAsync(clone, new InitialCommit(branch, UpgradeRequestText.CommitMessage(plan), AuthorName, AuthorEmail), cancellationToken);
            var draft = new UpgradeRequestDraft(branch, info.DefaultBranch, UpgradeRequestText.Title(plan), UpgradeRequestText.Description(plan), plan.Conflicts.Any());

            step = "find an open request for this version";
            var open = await host.FindOpenAsync(branch, info.DefaultBranch, cancellationToken);
            var outcome = open is null ? UpgradeRequestOutcome.Opened : UpgradeRequestOutcome.Updated;
            step = "push the branch " + branch;
            // A person may have resolved conflicts on the branch: their commits are never pushed over.
            if (open is not null && await RepoPusher.BranchTipAuthorAsync(clone, info.CloneUrl, branch, host.GitCredentials, settings.Retry, Log, cancellationToken) is { } author
                && !string.Equals(author, AuthorEmail, StringComparison.OrdinalIgnoreCase))
            {
                outcome = UpgradeRequestOutcome.KeptPersonsCommits;
                Log($"the branch {branch} ends with a commit by {author}; it is kept, and only the description is refreshed");
            }
            else
            {
                await RepoPusher.PushAsync(clone, info.CloneUrl, "HEAD:refs/heads/" + branch, host.GitCredentials, settings.Retry, Log, cancellationToken, force: true);
            }

            step = open is null ? $"open the request (the branch {branch} is pushed; the next run opens it)" : "update the request";
            var link = open is null ? await host.OpenAsync(draft, cancellationToken) : await host.UpdateAsync(open, draft, cancellationToken);
            return result with { Outcome = outcome, Branch = branch, Commit = outcome == UpgradeRequestOutcome.KeptPersonsCommits ? null : commit, RequestUrl = link.Url, RequestNumber = link.Number };
        }
#pragma warning disable CA1031 // One repo's failure, whatever it is, is its own row: the other repos go on.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return new UpgradeRequestResult(repo.Display, UpgradeRequestOutcome.Failed) { Error = $"could not {step}: {Describe(e)}" };
        }
    }

    private static string Describe(Exception e) => e switch
    {
        Engine.Parameters.ParameterException p => string.Join("; ", p.Violations.Select(v => $"{v.Parameter} {v.Message}")),
        TemplateLoadException t => string.Join("; ", t.Problems.Select(p => $"{p.Mark}: {p.Message}")),
        PublishException or UpgradeException or IOException or UnauthorizedAccessException => e.Message,
        _ => $"internal error: {e.GetType().Name}: {e.Message}",
    };

    /// <summary>Deletes a clone; false when it could not (the caller says so, and the run goes on).</summary>
    private static bool TryDelete(string folder)
    {
        try
        {
            if (!Directory.Exists(folder)) return true;
            // git writes its objects read-only, which Windows will not delete.
            if (OperatingSystem.IsWindows())
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)) File.SetAttributes(file, FileAttributes.Normal);
            Directory.Delete(folder, recursive: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
