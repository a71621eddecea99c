using System.Net;

namespace KafkaTemplates.Portal.Hosting;

/// <summary>
/// One <c>http://host:port</c> the portal listens on. Only loopback addresses (127.0.0.0/8, ::1, localhost) count as
/// local: a host name or a wildcard makes Kestrel listen on every interface.
/// </summary>
internal sealed record ListenAddress(string Url, IPAddress? Address, bool AllInterfaces, bool Localhost, int Port)
{
    public bool IsLoopback => Localhost || (Address is not null && IPAddress.IsLoopback(Address));

    public static ListenAddress Parse(string url)
    {
        // Kestrel's wildcards are not URI hosts; they mean every interface, as 0.0.0.0 does.
        var normalized = url.Trim().Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalized, UriKind.Absolute, out var uri))
            throw new PortalConfigurationException($"'{url}' is not a URL; write it as http://127.0.0.1:7007");
        if (uri.Scheme != Uri.UriSchemeHttp)
            throw new PortalConfigurationException($"'{url}': the portal speaks plain http; put a TLS-terminating proxy in front of it for https");
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new PortalConfigurationException($"'{url}': give only a scheme, host and port, such as http://127.0.0.1:7007");
        var host = uri.Host;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return new ListenAddress(url, null, false, true, uri.Port);
        if (IPAddress.TryParse(host.Trim('[', ']'), out var ip))
            return new ListenAddress(url, ip, ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any), false, uri.Port);
        // Kestrel binds a host name other than localhost to every interface.
        return new ListenAddress(url, null, true, false, uri.Port);
    }
}
