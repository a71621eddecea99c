using System.Security.Claims;
using KafkaTemplates.Portal.Tasks;

namespace KafkaTemplates.Portal.Access;

/// <summary>
/// The signed-in user as the portal sees them: an entity ref (what <c>createdBy</c> holds) and what their groups
/// allow. <see cref="Owner"/> is null when the portal runs without sign-in: one user, who may do everything.
/// </summary>
internal sealed class PortalUser
{
    private readonly IReadOnlySet<string>? _permissions;

    private PortalUser(string? owner, IReadOnlySet<string>? permissions)
    {
        Owner = owner;
        _permissions = permissions;
    }

    /// <summary>The single user of a portal without sign-in.</summary>
    public static readonly PortalUser Local = new(null, null);

    public string? Owner { get; }

    public static PortalUser? From(ClaimsPrincipal principal, string userClaim, string groupClaim, AccessRoles roles)
    {
        if (principal.Identity?.IsAuthenticated != true || principal.FindFirst(userClaim)?.Value is not { Length: > 0 } name) return null;
        var groups = principal.FindAll(groupClaim).Select(c => c.Value).Where(v => v.Length > 0);
        return new PortalUser(EntityRefOf(name), roles.PermissionsOf(groups));
    }

    /// <summary>A claim value as an entity ref: <c>user:default/NAME</c>, unless it already is one (Backstage's <c>sub</c>).</summary>
    public static string EntityRefOf(string value) =>
        Catalog.EntityRef.TryParse(value, out _) && value.Contains(':', StringComparison.Ordinal) && value.Contains('/', StringComparison.Ordinal)
            ? value
            : $"user:default/{value}";

    public bool May(string permission) => _permissions is null || _permissions.Contains(permission);

    public bool MayRun(string template) => May(AccessRoles.RunPrefix + "*") || May(AccessRoles.RunPrefix + template);

    public bool Owns(TaskRecord task) => Owner is null || string.Equals(task.CreatedBy, Owner, StringComparison.Ordinal);

    public bool MaySee(TaskRecord task) => Owns(task) || May(AccessRoles.SeeAllTasks);

    public bool MayCancel(TaskRecord task) => (Owns(task) && May(AccessRoles.Cancel)) || May(AccessRoles.CancelAny);

    public bool MayDownload(TaskRecord task) => (Owns(task) && May(AccessRoles.Download)) || May(AccessRoles.DownloadAny);
}
