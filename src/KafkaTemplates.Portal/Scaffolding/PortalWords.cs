using KafkaTemplates.Engine.Text;

namespace KafkaTemplates.Portal.Scaffolding;

/// <summary>
/// How the portal names a setting an engine message asks for (<see cref="Setting"/>): the portal has no flags, so
/// it says what the setting is, or who can change it.
/// </summary>
internal static class PortalWords
{
    public static string Render(string message) => Setting.Render(message, key => key switch
    {
        "templates" => "the portal's template catalog",
        "helm" => "the helm the portal server runs",
        "set" or "values" => "the form's values",
        // The portal writes each repo into a folder of its own and installs nothing: no other setting has a word here.
        _ => $"the '{key}' setting, which the portal does not offer (ask whoever runs the portal)",
    });
}
