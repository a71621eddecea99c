using System.Diagnostics.CodeAnalysis;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// A small constructor-injection container for Spectre.Console.Cli: commands ask for the console, the environment
/// and the engine, and tests hand in their own.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        _factories[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => new Resolver(this);

    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "Commands and their settings live in assemblies the native tool keeps whole (TrimmerRootAssembly in the CLI project).")]
    private object Create(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p => Resolve(p.ParameterType)
            ?? throw new InvalidOperationException($"cannot resolve {p.ParameterType.Name} for {type.Name}")).ToArray();
        return constructor.Invoke(args);
    }

    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Services are classes: native code shares one array implementation for every reference type.")]
    private object? Resolve(Type? type)
    {
        if (type is null) return null;
        if (_factories.TryGetValue(type, out var factory)) return factory();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
        {
            // Spectre asks for lists of optional services (help providers, interceptors): give what is registered.
            var element = type.GetGenericArguments()[0];
            var found = _factories.TryGetValue(element, out var single) ? new[] { single() } : [];
            var array = Array.CreateInstance(element, found.Length);
            found.CopyTo(array, 0);
            return array;
        }
        return type.IsClass && !type.IsAbstract ? Create(type) : null;
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
