using KafkaTemplates.Validation.Rendering;

namespace KafkaTemplates.Validation.Tests.Rules;

public class YamlTextPathTests
{
    private static readonly string[] Manifest =
    [
        "apiVersion: v1",                 // 1
        "kind: Pod",                      // 2
        "spec:",                          // 3
        "  containers:",                  // 4
        "    - name: kafka",              // 5
        "      image: \"a:1\"",           // 6
        "      ports:",                   // 7
        "      - name: client",           // 8
        "        containerPort: 9092",    // 9
        "    - name: sidecar",            // 10
        "      securityContext:",         // 11
        "        runAsNonRoot: true",     // 12
    ];

    [Theory]
    [InlineData(2, "kind")]
    [InlineData(6, "spec.containers[kafka].image")]
    [InlineData(9, "spec.containers[kafka].ports[client].containerPort")]
    [InlineData(10, "spec.containers[sidecar].name")]
    [InlineData(12, "spec.containers[sidecar].securityContext.runAsNonRoot")]
    public void The_path_of_a_line_follows_indentation_and_list_items(int line, string path)
    {
        Assert.Equal(path, YamlTextPath.At(Manifest, line).ToString());
    }
}
