using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules;

/// <summary>A check that reads the repo's files: it runs with or without helm.</summary>
internal interface IRepoRule
{
    void Check(ValidationContext context);
}
