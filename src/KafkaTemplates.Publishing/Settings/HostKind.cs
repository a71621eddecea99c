namespace KafkaTemplates.Publishing.Settings;

/// <summary>Which API a git host speaks; <see cref="Git"/> is a plain git remote with no API.</summary>
public enum HostKind { GitHub, GitLab, Git }
