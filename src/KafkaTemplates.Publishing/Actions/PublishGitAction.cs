using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Publishing.Git;
using KafkaTemplates.Publishing.Settings;
using KafkaTemplates.Upgrades.Sources;

namespace KafkaTemplates.Publishing.Actions;

/// <summary>
/// <c>publish:git</c>, this tool's own action (Backstage has none by this name): pushes the workspace as the first
/// commit to any git remote over HTTP(S), for hosts without an API. The repository must exist and be empty; the token
/// is <see cref="PublishSettings.GitTokenVariable"/>.
/// </summary>
internal sealed class PublishGitAction(PublishSettings settings) : IScaffolderAction
{
    public string Id => "publish:git";

    public string Description => "Pushes the repo as its first commit to an existing, empty git repository at remoteUrl (any host, over HTTP(S)). Not a Backstage action: this tool's own.";

    public JsonObject InputSchema => Schema.Value;

    public JsonObject OutputSchema => PublishStep.Outputs("""
        {
          "remoteUrl": { "type": "string", "description": "The git URL pushed to." },
          "commitHash": { "type": "string", "description": "The first commit." }
        }
        """);

    public bool PublishesWorkspace => true;

    private static readonly Lazy<JsonObject> Schema = new(() => Engine.Actions.Builtin.ActionSchemas.Object($$"""
        {
          "remoteUrl": { "type": "string", "description": "The http(s) URL of an existing, empty git repository." },
          {{PublishStep.CommonInputs}}
        }
        """, "remoteUrl"));

    public async Task RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var url = context.RequireString("remoteUrl");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var remote))
            throw new ActionException(context.StepId, $"input 'remoteUrl': '{url}' is not a URL");
        var commit = PublishStep.Commit(context);
        var credentials = settings.PlainGit is { } git ? new GitCredentials(git.UserName, git.Token.Reveal()) : null;
        try
        {
            if (!await RepoPusher.IsEmptyAsync(remote, credentials, settings.Retry, PublishStep.Log(context), cancellationToken))
                throw new ActionException(context.StepId, $"{RepoPusher.Display(remote)} already holds commits; publish:git only starts empty repositories, so nothing was pushed");
            string hash;
            try
            {
                hash = await RepoPusher.PushInitialAsync(PublishStep.Files(context), remote, commit, credentials, settings.Retry, PublishStep.Log(context), cancellationToken);
            }
            catch (PublishException e)
            {
                throw new PublishException($"{e.Message}. {RepoPusher.Display(remote)} is still empty; run again and the rerun pushes into it", e);
            }
            context.Output("remoteUrl", RepoPusher.Display(remote));
            context.Output("commitHash", hash);
            PublishStep.Log(context)($"pushed {hash[..12]} to {RepoPusher.Display(remote)} ({commit.Branch})");
        }
        catch (PublishException e)
        {
            throw new ActionException(context.StepId, e.Message, e);
        }
        catch (GitCommandException e) when (GitRemoteFailure.IsAuthentication(e.Error))
        {
            throw new ActionException(context.StepId, $"{RepoPusher.Display(remote)} refused the token ({e.LastLine}); set {PublishSettings.GitTokenVariable} (and {PublishSettings.GitUserVariable}) to a token that may read and write it", e);
        }
        catch (GitCommandException e)
        {
            throw new ActionException(context.StepId, $"{RepoPusher.Display(remote)}: {e.LastLine}", e);
        }
    }
}
