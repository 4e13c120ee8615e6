using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.ML.Transforms;

namespace Microsoft.ML.Runtime
{
    /// <summary>The components ML.NET can find by name when it loads a model: here, custom-mapping factories.</summary>
    public sealed class ComponentCatalog
    {
        private readonly Dictionary<string, Type> _factories = new();
        private readonly object _lock = new();

        internal ComponentCatalog()
        {
        }

        /// <summary>Registers the [CustomMappingFactoryAttribute] classes of <paramref name="assembly"/>.</summary>
        public void RegisterAssembly(Assembly assembly, bool throwOnError = true)
        {
            if (assembly == null)
                throw new ArgumentNullException(nameof(assembly));
            Type[] types;
            try
            {
                types = assembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                if (throwOnError)
                    throw;
                types = e.Types.Where(t => t != null).ToArray();
            }
            lock (_lock)
            {
                foreach (var type in types)
                {
                    var attribute = type.GetCustomAttribute<CustomMappingFactoryAttributeAttribute>();
                    if (attribute != null && CustomMappingFactoryTypes(type) != null)
                        _factories[attribute.ContractName] = type;
                }
            }
        }

        internal Type FindCustomMappingFactory(string contractName)
        {
            lock (_lock)
                return _factories.TryGetValue(contractName, out var type) ? type : null;
        }

        /// <summary>The TSrc and TDst of a CustomMappingFactory subclass, or null.</summary>
        internal static Type[] CustomMappingFactoryTypes(Type type)
        {
            for (var t = type; t != null; t = t.BaseType)
                if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(CustomMappingFactory<,>))
                    return t.GetGenericArguments();
            return null;
        }
    }
}
