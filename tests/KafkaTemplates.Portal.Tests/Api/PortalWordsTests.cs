using System.Reflection;
using KafkaTemplates.Engine.Text;
using KafkaTemplates.Portal.Scaffolding;

namespace KafkaTemplates.Portal.Tests.Api;

/// <summary>The portal has no flags: a message that names a setting says what it is in the portal, never a CLI flag.</summary>
public class PortalWordsTests
{
    [Fact]
    public void Every_setting_is_named_without_a_flag()
    {
        var settings = typeof(Setting).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == typeof(Setting)).Select(f => (Setting)f.GetValue(null)!).ToList();
        Assert.NotEmpty(settings);
        foreach (var setting in settings)
        {
            var text = PortalWords.Render($"pass {setting}");
            Assert.DoesNotContain("⟨", text, StringComparison.Ordinal);
            Assert.DoesNotContain("--", text, StringComparison.Ordinal);
        }
    }
}
