namespace KafkaTemplates.Publishing;

/// <summary>Publishing could not go on; the message says what happened on the host and what to do.</summary>
public class PublishException(string message, Exception? inner = null) : Exception(message, inner);
