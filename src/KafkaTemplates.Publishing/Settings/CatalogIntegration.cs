namespace KafkaTemplates.Publishing.Settings;

/// <summary>The Backstage catalog that <c>catalog:register</c> adds locations to: its base URL and a bearer token, if it needs one.</summary>
public sealed record CatalogIntegration(Uri BaseUrl, HostToken? Token);
