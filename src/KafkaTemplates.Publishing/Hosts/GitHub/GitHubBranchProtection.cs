using System.Text.Json.Nodes;

namespace KafkaTemplates.Publishing.Hosts.GitHub;

/// <summary>
/// publish:github's branch protection inputs, with Backstage's defaults: protection on, admins included, one approving
/// review, branches up to date before merging, no push restrictions.
/// </summary>
internal sealed record GitHubProtectionRequest
{
    public bool Protect { get; init; } = true;
    public bool EnforceAdmins { get; init; } = true;
    public bool RequireCodeOwnerReviews { get; init; }
    public bool DismissStaleReviews { get; init; }
    public bool RequireLastPushApproval { get; init; }
    public int RequiredApprovingReviewCount { get; init; } = 1;
    public IReadOnlyList<string> RequiredStatusCheckContexts { get; init; } = [];
    public bool RequireBranchesToBeUpToDate { get; init; } = true;
    public bool RequiredConversationResolution { get; init; }
    public bool RequiredCommitSigning { get; init; }
    public bool RequiredLinearHistory { get; init; }
    /// <summary>bypassPullRequestAllowances: users, teams and apps that may merge without the reviews; null sends none.</summary>
    public JsonObject? BypassPullRequestAllowances { get; init; }
    /// <summary>restrictions: who may push (users, teams, apps); null lets everyone with write access push.</summary>
    public JsonObject? Restrictions { get; init; }
}

/// <summary>
/// Protects the default branch after the first push, as Backstage's publish:github does: <c>PUT
/// /repos/{owner}/{repo}/branches/{branch}/protection</c> in GitHub's documented shape, then <c>POST
/// .../protection/required_signatures</c> when commit signing is asked for. As in Backstage, a protection GitHub refuses
/// (a private repository on a free plan, a token that may not administer it) is a warning naming why: the repository
/// is created and pushed, and the step goes on.
/// </summary>
internal static class GitHubBranchProtection
{
    public static async Task ApplyAsync(GitHubConnection github, RepoUrl repo, string branch, GitHubProtectionRequest request, Action<string> log,
        Action<string> warn, CancellationToken cancellationToken)
    {
        if (!request.Protect) return;
        var path = $"repos/{Uri.EscapeDataString(repo.Owner)}/{Uri.EscapeDataString(repo.Repo)}/branches/{Uri.EscapeDataString(branch)}/protection";
        try
        {
            try
            {
                await PutAsync(github, path, request, log, cancellationToken);
            }
            catch (GitHubAnswer a) when (a.Status == 404 && a.Text.Contains("Branch not found", StringComparison.OrdinalIgnoreCase))
            {
                // GitHub is eventually consistent: a branch just pushed may not be known to the API yet.
                await Task.Delay(TimeSpan.FromMilliseconds(600), cancellationToken);
                await PutAsync(github, path, request, log, cancellationToken);
            }
            if (request.RequiredCommitSigning)
                await github.SendAsync(HttpMethod.Post, path + "/required_signatures", null, $"require signed commits on {branch}", log, cancellationToken);
            log($"protected the branch {branch}" + (request.RequiredCommitSigning ? " (signed commits required)" : ""));
        }
        catch (GitHubAnswer a) when (a.Text.Contains("Upgrade to GitHub Pro", StringComparison.OrdinalIgnoreCase))
        {
            warn($"branch protection was not enabled on {branch}: GitHub needs a paid plan for it on private repositories ({a.Text})");
        }
        catch (PublishException e)
        {
            warn($"skipped the protection of the branch {branch} of {repo.Owner}/{repo.Repo}: {e.Message}");
        }
    }

    // The body carries restrictions (and the others) even when null: GitHub requires each of the four.
    private static Task<System.Text.Json.Nodes.JsonNode?> PutAsync(GitHubConnection github, string path, GitHubProtectionRequest request, Action<string> log, CancellationToken cancellationToken) =>
        github.SendAsync(HttpMethod.Put, path, Body(request), "protect the default branch", log, cancellationToken);

    /// <summary>The request body in GitHub's documented shape (Update branch protection).</summary>
    internal static JsonObject Body(GitHubProtectionRequest request)
    {
        var reviews = new JsonObject
        {
            ["dismiss_stale_reviews"] = request.DismissStaleReviews,
            ["require_code_owner_reviews"] = request.RequireCodeOwnerReviews,
            ["required_approving_review_count"] = request.RequiredApprovingReviewCount,
            ["require_last_push_approval"] = request.RequireLastPushApproval,
        };
        if (request.BypassPullRequestAllowances is { } bypass) reviews["bypass_pull_request_allowances"] = bypass.DeepClone();
        return new JsonObject
        {
            ["required_status_checks"] = new JsonObject
            {
                ["strict"] = request.RequireBranchesToBeUpToDate,
                ["contexts"] = new JsonArray([.. request.RequiredStatusCheckContexts.Select(c => JsonValue.Create(c))]),
            },
            ["enforce_admins"] = request.EnforceAdmins,
            ["required_pull_request_reviews"] = reviews,
            ["restrictions"] = request.Restrictions?.DeepClone(),
            ["required_linear_history"] = request.RequiredLinearHistory,
            ["required_conversation_resolution"] = request.RequiredConversationResolution,
        };
    }
}
