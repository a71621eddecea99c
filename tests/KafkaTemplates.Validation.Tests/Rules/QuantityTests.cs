using KafkaTemplates.Validation.Rules.Kafka;

namespace KafkaTemplates.Validation.Tests.Rules;

public class QuantityTests
{
    [Theory]
    [InlineData("20Gi", 21474836480.0)]
    [InlineData("1500M", 1500000000.0)]
    [InlineData("500m", 0.5)]
    [InlineData("2", 2.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("0.5Ki", 512.0)]
    public void Kubernetes_quantities_parse_to_their_value(string text, double value)
    {
        Assert.Equal((decimal)value, Quantity.Parse(text));
    }

    [Theory]
    [InlineData("20GB")]
    [InlineData("Gi")]
    [InlineData("2 Gi")]
    [InlineData("twenty")]
    public void Other_text_is_not_a_quantity(string text)
    {
        Assert.Null(Quantity.Parse(text));
    }

    [Fact]
    public void The_last_xmx_of_jvm_options_is_the_heap()
    {
        Assert.Equal((decimal)(3L << 30), Quantity.MaxHeap("-Xmx1g -Xms1g -Xmx3G")!.Value.Bytes);
        Assert.Null(Quantity.MaxHeap("-XX:MaxRAMPercentage=50"));
    }
}
