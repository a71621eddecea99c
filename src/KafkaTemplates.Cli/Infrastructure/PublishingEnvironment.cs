using KafkaTemplates.Publishing;
using KafkaTemplates.Publishing.Settings;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>The git hosts, catalog and tokens the environment configures, for every command that publishes or opens requests.</summary>
internal static class PublishingEnvironment
{
    /// <exception cref="UsageException">A setting is wrong (bad input, exit 2); the message names the variable.</exception>
    public static PublishSettings Read(CliEnvironment environment)
    {
        try
        {
            return PublishSettings.FromEnvironment(environment.Variables);
        }
        catch (PublishException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
