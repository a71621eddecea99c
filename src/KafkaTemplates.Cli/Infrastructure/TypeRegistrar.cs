using System.Diagnostics.CodeAnalysis;
using Spectre.Console.Cli;

namespace KafkaTemplates.Cli.Infrastructure;

/// <summary>
/// A small constructor-injection container for Spectre.Console.Cli: commands ask for the console, the environment
/// and the use cases, and tests hand in their own. Only what is registered is built: the native tool keeps the
/// constructors of the commands and settings CliApp names and of the services registered with <see cref="Register{T}"/>,
/// and nothing else, so a service found some other way would work in-process and fail only in the native tool.
/// </summary>
internal sealed class TypeRegistrar : ITypeRegistrar
{
    private readonly Dictionary<Type, Func<object>> _factories = [];

    /// <summary>Spectre registers each command and its settings, and its own built-in commands.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Spectre registers the commands and settings CliApp adds, whose members CliApp keeps with DynamicDependency, and its own types, which the CLI project keeps whole.")]
    public void Register(Type service, Type implementation) => _factories[service] = () => Create(implementation);

    /// <summary>A service built from its public constructor, whose parameters are services too.</summary>
    public void Register<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] T>() where T : class
    {
        var lazy = new Lazy<object>(() => Create(typeof(T)));
        _factories[typeof(T)] = () => lazy.Value;
    }

    public void RegisterInstance(Type service, object implementation) => _factories[service] = () => implementation;

    public void RegisterLazy(Type service, Func<object> factory)
    {
        var lazy = new Lazy<object>(factory);
        _factories[service] = () => lazy.Value;
    }

    public ITypeResolver Build() => new Resolver(this);

    private object Create([DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] Type type)
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
        // Spectre then makes what it asks for with its parameterless constructor, or says it cannot.
        return null;
    }

    private sealed class Resolver(TypeRegistrar registrar) : ITypeResolver
    {
        public object? Resolve(Type? type) => registrar.Resolve(type);
    }
}
