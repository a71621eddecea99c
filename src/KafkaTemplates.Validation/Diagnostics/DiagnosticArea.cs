namespace KafkaTemplates.Validation.Diagnostics;

/// <summary>The part of a deployment repo a code is about; the first digit of the code names it.</summary>
public enum DiagnosticArea
{
    /// <summary>KT1xxx: the answers file and the files every deployment repo has.</summary>
    Repo = 1,

    /// <summary>KT2xxx: Chart.yaml, values.yaml against values.schema.json, helm lint and helm template.</summary>
    Chart = 2,

    /// <summary>KT3xxx: the Kubernetes objects the chart renders.</summary>
    Kubernetes = 3,

    /// <summary>KT4xxx: Kafka settings in values.yaml that the broker or the quorum would refuse or suffer from.</summary>
    Kafka = 4,

    /// <summary>KT5xxx: the PrometheusRule alerts and the JMX exporter rules behind them.</summary>
    Alerts = 5,

    /// <summary>KT6xxx: the Dockerfile of the Kafka image.</summary>
    Image = 6,

    /// <summary>KT7xxx: GitHub Actions workflows and GitLab CI pipelines.</summary>
    Ci = 7,
}
