namespace KafkaTemplates.Portal.Hosting;

/// <summary>The portal cannot start as configured; the message says what to change.</summary>
public sealed class PortalConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
