using Npgsql;

namespace KafkaTemplates.Portal.Tasks;

/// <summary>
/// Reads <c>--database</c>: a <c>postgres://user[:password]@host[:port]/database[?sslmode=…]</c> URL or an Npgsql
/// connection string. The password comes from the URL, the connection string or <c>PGPASSWORD</c>; every message
/// shows the address with the password masked.
/// </summary>
internal static class PostgresConnection
{
    private const string Mask = "***";

    /// <summary>The Npgsql settings for a URL or connection string; a message that names what is wrong otherwise.</summary>
    public static NpgsqlConnectionStringBuilder Parse(string database)
    {
        if (!database.Contains("://", StringComparison.Ordinal))
        {
            try
            {
                return new NpgsqlConnectionStringBuilder(database);
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"'{Masked(database)}' is not an Npgsql connection string ({e.Message}); write postgres://user@host:5432/database", e);
            }
        }
        if (!Uri.TryCreate(database, UriKind.Absolute, out var url) || url.Host.Length == 0 || url.AbsolutePath.Trim('/').Length == 0)
            throw new FormatException($"'{Masked(database)}' is not a PostgreSQL URL; write postgres://user@host:5432/database");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = url.Host,
            Port = url.IsDefaultPort || url.Port < 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.Trim('/')),
        };
        var user = url.UserInfo.Split(':', 2);
        if (user[0].Length > 0) builder.Username = Uri.UnescapeDataString(user[0]);
        if (user.Length == 2) builder.Password = Uri.UnescapeDataString(user[1]);
        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : "";
            try
            {
                // libpq's names where Npgsql spells them differently; the rest are Npgsql's own keywords.
                builder[key.ToLowerInvariant() switch { "sslmode" => "SSL Mode", "connect_timeout" => "Timeout", "application_name" => "Application Name", _ => key }] = value;
            }
            catch (ArgumentException e)
            {
                throw new FormatException($"'{Masked(database)}': the setting '{key}' is not one PostgreSQL connections know ({e.Message})", e);
            }
        }
        return builder;
    }

    /// <summary>The database as the user wrote it, with any password replaced by ***.</summary>
    public static string Masked(string database)
    {
        if (database.Contains("://", StringComparison.Ordinal))
        {
            var at = database.IndexOf('@', StringComparison.Ordinal);
            var scheme = database.IndexOf("://", StringComparison.Ordinal) + 3;
            if (at > scheme)
            {
                var colon = database.IndexOf(':', scheme);
                if (colon > 0 && colon < at) return database[..(colon + 1)] + Mask + database[at..];
            }
            return database;
        }
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(database);
            if (builder.Password is not null) builder.Password = Mask;
            return builder.ToString();
        }
        catch (ArgumentException)
        {
            // Unreadable: show only its start, which names no password in the usual order (Host=...; ...).
            return System.Text.RegularExpressions.Regex.Replace(database, "(?i)(password|pwd)\\s*=[^;]*", "$1=" + Mask);
        }
    }

    /// <summary>Where the store is, for messages: host, port, database and user, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"postgres://{(builder.Username is { } user ? user + "@" : "")}{builder.Host}:{builder.Port}/{builder.Database}";
}
