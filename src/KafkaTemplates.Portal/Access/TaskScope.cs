using KafkaTemplates.Portal.Tasks;

namespace KafkaTemplates.Portal.Access;

/// <summary>
/// Narrows a task list to what the caller may see: their own tasks, unless a role lets them see everyone's. Asking
/// for another user's tasks without that role is refused rather than answered with an empty list.
/// </summary>
internal static class TaskScope
{
    public static TaskQuery For(PortalUser user, TaskQuery query)
    {
        if (user.Owner is null || user.May(AccessRoles.SeeAllTasks)) return query;
        if (query.CreatedBy is not null && !string.Equals(query.CreatedBy, user.Owner, StringComparison.Ordinal)) throw AccessGate.Forbidden();
        return query with { CreatedBy = user.Owner };
    }
}
