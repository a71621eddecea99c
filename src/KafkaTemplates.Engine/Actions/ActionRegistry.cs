using KafkaTemplates.Engine.Actions.Builtin;

namespace KafkaTemplates.Engine.Actions;

/// <summary>The actions templates can use. The one place a new action is registered.</summary>
public sealed class ActionRegistry
{
    private readonly Dictionary<string, IScaffolderAction> _actions = new(StringComparer.Ordinal);

    public ActionRegistry(IEnumerable<IScaffolderAction> actions)
    {
        foreach (var a in actions) _actions[a.Id] = a;
    }

    public static ActionRegistry CreateDefault() => new(
    [
        new FetchTemplateAction(),
        new FetchPlainAction(),
        new FetchTemplateFileAction(),
        new FetchPlainFileAction(),
        new FsRenameAction(),
        new FsDeleteAction(),
        new DebugLogAction(),
        new CatalogWriteAction(),
        new PortalOnlyAction("publish:github", "Publishes the repo to GitHub."),
        new PortalOnlyAction("publish:gitlab", "Publishes the repo to GitLab."),
        new PortalOnlyAction("publish:bitbucket", "Publishes the repo to Bitbucket."),
        new PortalOnlyAction("publish:azure", "Publishes the repo to Azure DevOps."),
        new PortalOnlyAction("publish:gerrit", "Publishes the repo to Gerrit."),
        new PortalOnlyAction("catalog:register", "Registers the new repo's catalog-info.yaml in the catalog."),
    ]);

    public IEnumerable<IScaffolderAction> All => _actions.Values.OrderBy(a => a.Id, StringComparer.Ordinal);

    /// <summary>Finds an action; any <c>publish:*</c> is known, as the portal decides where repos go.</summary>
    public IScaffolderAction? Find(string id) =>
        _actions.TryGetValue(id, out var action) ? action
        : id.StartsWith("publish:", StringComparison.Ordinal) ? new PortalOnlyAction(id, "Publishes the repo.") : null;
}
