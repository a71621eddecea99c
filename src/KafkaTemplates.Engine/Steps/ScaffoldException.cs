namespace KafkaTemplates.Engine.Steps;

/// <summary>A run that stopped: names the step and why. Nothing has been written when this is thrown.</summary>
public sealed class ScaffoldException(string message, Exception? inner = null) : Exception(message, inner);
