using KafkaTemplates.Engine.Actions;
using KafkaTemplates.Publishing.Actions;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Publishing;

/// <summary>
/// The engine's actions with publishing switched on: publish:git, publish:github, publish:gitlab and catalog:register
/// run for real with these settings instead of being skipped. The portal always uses this; the CLI with --publish.
/// </summary>
public static class PublishingActions
{
    public static ActionRegistry Create(PublishSettings settings)
    {
        IScaffolderAction[] publishing =
        [
            new PublishGitAction(settings),
            new PublishGitHubAction(settings),
            new PublishGitLabAction(settings),
            new CatalogRegisterAction(settings),
        ];
        var replaced = publishing.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new ActionRegistry(ActionRegistry.CreateDefault().All.Where(a => !replaced.Contains(a.Id)).Concat(publishing));
    }
}
