using KafkaTemplates.Validation.Diagnostics;
using KafkaTemplates.Validation.Repo;

namespace KafkaTemplates.Validation.Rules.Kafka;

/// <summary>KT4003-KT4004: the KRaft quorum has an odd number of voters, and combined voters are brokers that exist.</summary>
internal sealed class ControllerQuorumRule : IRepoRule
{
    private const string Replicas = "controller.replicas";
    private const string Combined = "kraft.combinedControllers";

    public void Check(ValidationContext context)
    {
        if (context.Values is not { } values) return;
        if (values.String("kraft.controllerLayout") == "dedicated")
        {
            if (!context.IsRejectedBySchema(Replicas) && values.Integer(Replicas) is { } voters && voters % 2 == 0)
                context.Report(DiagnosticCatalog.EvenControllerQuorum, values.Mark(Replicas),
                    $"{Replicas} is {voters}: a KRaft quorum with an even number of voters tolerates no more failures than one voter fewer; use {voters - 1} or {voters + 1}");
            return;
        }
        if (context.IsRejectedBySchema(Combined) || values.Integer(Combined) is not { } combined || combined <= 0) return;
        if (combined % 2 == 0)
            context.Report(DiagnosticCatalog.EvenControllerQuorum, values.Mark(Combined),
                $"{Combined} is {combined}: a KRaft quorum with an even number of voters tolerates no more failures than one voter fewer; use {combined - 1} or {combined + 1}, or 0 for the default");
        if (values.Integer("broker.replicas") is { } brokers && combined > brokers)
            context.Report(DiagnosticCatalog.CombinedControllersAboveBrokers, values.Mark(Combined),
                $"{Combined} is {combined} but there are only {brokers} brokers to act as controllers; use at most {brokers}, or 0 for the default");
    }
}
