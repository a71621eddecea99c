using System.Xml.Linq;
using KafkaTemplates.Portal.Tasks;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// Keeps ASP.NET Core's Data Protection key ring in the portal's store instead of each process's home folder, so the
/// sign-in cookie (and the OpenID Connect correlation and nonce cookies) one replica protects, every replica reads, and
/// a restarted pod does not sign everyone out. The framework creates, rotates and revokes the keys; this only stores
/// its XML. Two replicas starting at once may each add a key: the ring holds both, and either reads what the other wrote.
/// </summary>
internal sealed class StoreKeyRepository(ITaskStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.DataProtectionKeys().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        store.SaveDataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
