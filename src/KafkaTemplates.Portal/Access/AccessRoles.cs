namespace KafkaTemplates.Portal.Access;

/// <summary>
/// What groups may do, from rules written <c>GROUP=PERMISSION[,PERMISSION...]</c>; <c>*</c> stands for every
/// signed-in user. The permissions:
/// <list type="bullet">
/// <item><c>list-templates</c>: see the templates, their forms, actions and dry runs;</item>
/// <item><c>run:NAME</c> / <c>run:*</c>: create tasks from template NAME / from any template;</item>
/// <item><c>see-all-tasks</c>: list and read other users' tasks (everyone sees their own);</item>
/// <item><c>cancel</c> / <c>cancel-any</c>: cancel one's own tasks / anyone's;</item>
/// <item><c>download</c> / <c>download-any</c>: download the repos of one's own tasks / anyone's;</item>
/// <item><c>upgrade-repos</c>: open upgrade pull and merge requests across repositories with the portal's own host tokens.</item>
/// </list>
/// Without a <c>*</c> rule, every signed-in user has <see cref="DefaultForEveryone"/>.
/// </summary>
internal sealed class AccessRoles
{
    public const string Everyone = "*";
    public const string ListTemplates = "list-templates", SeeAllTasks = "see-all-tasks", Cancel = "cancel", CancelAny = "cancel-any",
        Download = "download", DownloadAny = "download-any", RunPrefix = "run:", UpgradeRepos = "upgrade-repos";

    public static readonly IReadOnlyList<string> DefaultForEveryone = [ListTemplates, RunPrefix + "*", Cancel, Download];

    private static readonly string[] Fixed = [ListTemplates, SeeAllTasks, Cancel, CancelAny, Download, DownloadAny, UpgradeRepos];

    private readonly Dictionary<string, HashSet<string>> _byGroup;

    private AccessRoles(Dictionary<string, HashSet<string>> byGroup) => _byGroup = byGroup;

    /// <summary>Reads the rules; a FormatException names the rule and what is wrong with it.</summary>
    public static AccessRoles Parse(IEnumerable<string> rules)
    {
        var byGroup = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            var equals = rule.LastIndexOf('=');
            var group = equals > 0 ? rule[..equals].Trim() : "";
            var permissions = equals > 0 ? rule[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];
            if (group.Length == 0 || permissions.Length == 0)
                throw new FormatException($"role rule '{rule}' must be GROUP=PERMISSION[,PERMISSION...], such as group:default/platform=see-all-tasks,cancel-any");
            foreach (var permission in permissions)
            {
                if (!Fixed.Contains(permission, StringComparer.Ordinal)
                    && !(permission.StartsWith(RunPrefix, StringComparison.Ordinal) && permission.Length > RunPrefix.Length))
                    throw new FormatException(
                        $"role rule '{rule}': unknown permission '{permission}'; use {string.Join(", ", Fixed)}, run:TEMPLATE or run:*");
            }
            if (!byGroup.TryGetValue(group, out var set)) byGroup[group] = set = new HashSet<string>(StringComparer.Ordinal);
            set.UnionWith(permissions);
        }
        if (!byGroup.ContainsKey(Everyone)) byGroup[Everyone] = [.. DefaultForEveryone];
        return new AccessRoles(byGroup);
    }

    /// <summary>Every permission the groups bring, with those of everyone.</summary>
    public IReadOnlySet<string> PermissionsOf(IEnumerable<string> groups)
    {
        var granted = new HashSet<string>(_byGroup[Everyone], StringComparer.Ordinal);
        foreach (var group in groups)
            if (_byGroup.TryGetValue(group, out var permissions)) granted.UnionWith(permissions);
        return granted;
    }
}
