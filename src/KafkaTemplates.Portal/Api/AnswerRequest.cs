using System.Text.Json.Nodes;
using KafkaTemplates.Engine.Parameters;
using KafkaTemplates.Engine.Templates;
using KafkaTemplates.UseCases.Create;

namespace KafkaTemplates.Portal.Api;

/// <summary>
/// A request's <c>values</c> and <c>secrets</c>, bound to a template's parameters by the create-repo use case as every
/// front door binds them (<see cref="CreateRepo.BindAnswers"/>; a portal repo has no folder to take a name from). A
/// secret is accepted only for a parameter the template marks secret (ui:field Secret or ui:widget password): the
/// engine exposes nothing else as <c>secrets.*</c>, and an unused secret is more likely a mistake than a wish.
/// </summary>
internal static class AnswerRequest
{
    public static AnswerSet Bind(TemplateDefinition template, JsonObject body)
    {
        var violations = Check(template, body, out var input);
        if (violations.Count > 0) throw Invalid(violations);
        try
        {
            return CreateRepo.BindAnswers(template, input, target: null);
        }
        catch (ParameterException e)
        {
            throw Invalid(e.Violations);
        }
    }

    /// <summary>Every violation of the values and secrets, for validating a form as the user types.</summary>
    public static IReadOnlyList<ParameterViolation> Violations(TemplateDefinition template, JsonObject body)
    {
        var violations = Check(template, body, out var input).ToList();
        try
        {
            CreateRepo.BindAnswers(template, input, target: null);
        }
        catch (ParameterException e)
        {
            violations.AddRange(e.Violations);
        }
        return violations;
    }

    private static List<ParameterViolation> Check(TemplateDefinition template, JsonObject body, out AnswerInput input)
    {
        input = new AnswerInput();
        foreach (var (name, value) in JsonBody.OptionalObject(body, "values")) input.FromFile[name] = value?.DeepClone();
        var violations = new List<ParameterViolation>();
        var secretNames = template.Parameters.Secrets.Select(s => s.Name).ToList();
        foreach (var (name, value) in JsonBody.OptionalObject(body, "secrets"))
        {
            if (!secretNames.Contains(name, StringComparer.Ordinal))
            {
                violations.Add(new ParameterViolation("secrets." + name, "unknown", null,
                    secretNames.Count == 0
                        ? "is not a secret parameter: this template has none"
                        : $"is not a secret parameter of this template; its secret parameters are: {string.Join(", ", secretNames)}"));
                continue;
            }
            if (value is not JsonValue v || !v.TryGetValue<string>(out _))
            {
                violations.Add(new ParameterViolation("secrets." + name, "type", "***", "must be a string"));
                continue;
            }
            input.FromPrompt[name] = value.DeepClone();
        }
        return violations;
    }

    private static ApiException Invalid(IReadOnlyList<ParameterViolation> violations) =>
        ApiException.BadRequest(
            violations.Count == 1 ? "invalid parameter: " + violations[0] : $"{violations.Count} invalid parameters: " + string.Join("; ", violations),
            ViolationJson.ToBackstageErrors(violations));
}
