using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using TorchSharp.Modules;

namespace TorchSharp
{
    public static partial class torch
    {
        public static partial class nn
        {
            /// <summary>
            /// A module: named parameters, buffers and submodules, found by RegisterComponents() from the fields of
            /// the derived class (in declaration order), and everything that walks them (state_dict, train/eval, save).
            /// </summary>
            public abstract class Module : IDisposable
            {
                readonly string _name;
                readonly List<(string name, Modules.Parameter? parameter)> _parameters = new();
                readonly List<(string name, Tensor buffer, bool persistent)> _buffers = new();
                readonly List<(string name, Module module)> _submodules = new();
                bool _disposed;
                bool _areComponentsRegistered;

                protected Module(string name) => _name = name;

                public string GetName() => _name;

                public bool training { get; private set; } = true;

                /// <summary>Registers every field of type Module, Parameter or Tensor (as a buffer) under its field name.</summary>
                protected virtual void RegisterComponents()
                {
                    // As in TorchSharp, only the first call registers: a derived class cannot add fields by calling again.
                    if (_areComponentsRegistered) return;
                    _areComponentsRegistered = true;
                    const BindingFlags flags = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
                    var chain = new List<Type>();
                    for (var t = GetType(); t != null && t != typeof(Module); t = t.BaseType) chain.Insert(0, t);
                    foreach (var type in chain) {
                        foreach (var field in type.GetFields(flags)) {
                            if (field.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), false)) continue;
                            var name = field.Name;
                            switch (field.GetValue(this)) {
                                case Module m when !HasModule(name): register_module(name, m); break;
                                case Modules.Parameter p when !HasParameter(name): register_parameter(name, p); break;
                                case Tensor b when b is not Modules.Parameter && !HasBuffer(name): register_buffer(name, b); break;
                            }
                        }
                    }
                }

                bool HasModule(string name) => _submodules.Any(s => s.name == name);
                bool HasParameter(string name) => _parameters.Any(p => p.name == name);
                bool HasBuffer(string name) => _buffers.Any(b => b.name == name);

                static void CheckName(string name)
                {
                    if (string.IsNullOrEmpty(name) || name.Contains('.'))
                        throw new ArgumentException($"Component name '{name}' must be non-empty and contain no '.'.", nameof(name));
                }

                public virtual void register_parameter(string name, Modules.Parameter? param)
                {
                    CheckName(name);
                    if (HasParameter(name)) throw new InvalidOperationException($"Parameter '{name}' is already registered.");
                    _parameters.Add((name, param));
                }

                public virtual void register_buffer(string name, Tensor tensor, bool persistent = true)
                {
                    CheckName(name);
                    if (HasBuffer(name)) throw new InvalidOperationException($"Buffer '{name}' is already registered.");
                    tensor.DetachFromDisposeScope();
                    _buffers.Add((name, tensor, persistent));
                }

                public virtual void register_module(string name, Module submodule)
                {
                    CheckName(name);
                    if (HasModule(name)) throw new InvalidOperationException($"Submodule '{name}' is already registered.");
                    _submodules.Add((name, submodule));
                }

                /// <summary>Replaces the tensor behind a registered parameter name (used by layers whose weight is reassigned).</summary>
                protected void ReplaceParameter(string name, Modules.Parameter? param)
                {
                    var i = _parameters.FindIndex(p => p.name == name);
                    if (i < 0) _parameters.Add((name, param));
                    else _parameters[i] = (name, param);
                }

                public virtual IEnumerable<(string name, Modules.Parameter parameter)> named_parameters(bool recurse = true)
                {
                    foreach (var (name, p) in _parameters)
                        if (p is not null) yield return (name, p);
                    if (!recurse) yield break;
                    foreach (var (prefix, m) in _submodules)
                        foreach (var (name, p) in m.named_parameters(true))
                            yield return ($"{prefix}.{name}", p);
                }

                public virtual IEnumerable<Modules.Parameter> parameters(bool recurse = true) => named_parameters(recurse).Select(np => np.parameter);

                public virtual IEnumerable<(string name, Tensor buffer)> named_buffers(bool recurse = true, bool include_nonpersistent = true)
                {
                    foreach (var (name, b, persistent) in _buffers)
                        if (persistent || include_nonpersistent) yield return (name, b);
                    if (!recurse) yield break;
                    foreach (var (prefix, m) in _submodules)
                        foreach (var (name, b) in m.named_buffers(true, include_nonpersistent))
                            yield return ($"{prefix}.{name}", b);
                }

                public virtual IEnumerable<Tensor> buffers(bool recurse = true) => named_buffers(recurse).Select(nb => nb.buffer);

                public virtual IEnumerable<(string name, Module module)> named_children() => _submodules;
                public virtual IEnumerable<Module> children() => _submodules.Select(s => s.module);

                public virtual IEnumerable<(string name, Module module)> named_modules()
                {
                    foreach (var (name, m) in _submodules) {
                        yield return (name, m);
                        foreach (var (inner, mm) in m.named_modules()) yield return ($"{name}.{inner}", mm);
                    }
                }

                public virtual IEnumerable<Module> modules() => named_modules().Select(m => m.module);

                public virtual void train(bool train = true)
                {
                    training = train;
                    foreach (var (_, m) in _submodules) m.train(train);
                }

                public virtual void eval() => train(false);

                public virtual void zero_grad(bool set_to_none = true)
                {
                    foreach (var p in parameters()) {
                        if (set_to_none) {
                            p.grad = null;
                            continue;
                        }
                        using var g = p.grad;
                        if (g is null) continue;
                        g.detach_();
                        g.zero_();
                    }
                }

                /// <summary>Parameters and persistent buffers by dotted name; the values are the module's own tensors.</summary>
                public virtual Dictionary<string, Tensor> state_dict(Dictionary<string, Tensor>? destination = null, string? prefix = null)
                {
                    var result = destination ?? new Dictionary<string, Tensor>();
                    var pre = string.IsNullOrEmpty(prefix) ? "" : prefix + ".";
                    foreach (var (name, p) in named_parameters()) result[pre + name] = p;
                    foreach (var (name, b) in named_buffers(true, include_nonpersistent: false)) result[pre + name] = b;
                    return result;
                }

                /// <summary>Copies values in by name. With strict, a missing or unexpected key is an error.</summary>
                public virtual (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(
                    Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
                {
                    var own = state_dict();
                    var skipped = new HashSet<string>(skip ?? Array.Empty<string>());
                    var missing = own.Keys.Where(k => !source.ContainsKey(k) && !skipped.Contains(k)).ToList();
                    var unexpected = source.Keys.Where(k => !own.ContainsKey(k)).ToList();
                    if (strict && (missing.Count > 0 || unexpected.Count > 0))
                        throw new InvalidOperationException(
                            $"The state dictionary does not match the module: missing [{string.Join(", ", missing)}], unexpected [{string.Join(", ", unexpected)}].");
                    using (no_grad()) {
                        foreach (var (name, target) in own) {
                            if (skipped.Contains(name) || !source.TryGetValue(name, out var value)) continue;
                            if (!target.shape.SequenceEqual(value.shape))
                                throw new InvalidOperationException(
                                    $"'{name}' has shape [{string.Join(", ", value.shape)}] in the source but [{string.Join(", ", target.shape)}] in the module.");
                            target.copy_(value);
                        }
                    }
                    return (missing, unexpected);
                }

                public Module save(string location, IList<string>? skip = null)
                {
                    using var stream = File.Create(location);
                    using var writer = new BinaryWriter(stream);
                    return save(writer, skip);
                }

                public Module save(BinaryWriter writer, IList<string>? skip = null)
                {
                    var skipped = new HashSet<string>(skip ?? Array.Empty<string>());
                    StateDictFormat.Write(writer, state_dict().Where(kv => !skipped.Contains(kv.Key)));
                    return this;
                }

                public Module load(string location, bool strict = true, IList<string>? skip = null)
                {
                    if (!File.Exists(location)) throw new FileNotFoundException($"No saved module at '{location}'.", location);
                    using var stream = File.OpenRead(location);
                    using var reader = new BinaryReader(stream);
                    return load(reader, strict, skip);
                }

                public Module load(BinaryReader reader, bool strict = true, IList<string>? skip = null)
                {
                    var loaded = StateDictFormat.Read(reader);
                    try {
                        load_state_dict(loaded, strict, skip);
                    } finally {
                        foreach (var t in loaded.Values) t.Dispose();
                    }
                    return this;
                }

                public Module to(Device device)
                {
                    RequireCpu(device);
                    return this;
                }

                public void Dispose()
                {
                    Dispose(true);
                    GC.SuppressFinalize(this);
                }

                protected virtual void Dispose(bool disposing)
                {
                    if (_disposed || !disposing) return;
                    _disposed = true;
                    foreach (var (_, m) in _submodules) m.Dispose();
                    foreach (var (_, p) in _parameters) p?.Dispose();
                    foreach (var (_, b, _) in _buffers) b.Dispose();
                }
            }

            /// <summary>A module with one input.</summary>
            public abstract class Module<T, TResult> : Module
            {
                protected Module(string name) : base(name) { }
                public abstract TResult forward(T input);
                public TResult call(T input) => forward(input);
            }

            /// <summary>A module with two inputs (for example data and a condition).</summary>
            public abstract class Module<T1, T2, TResult> : Module
            {
                protected Module(string name) : base(name) { }
                public abstract TResult forward(T1 input1, T2 input2);
                public TResult call(T1 input1, T2 input2) => forward(input1, input2);
            }

            public static Modules.Parameter Parameter(Tensor data, bool requires_grad = true) => new Parameter(data, requires_grad);
        }
    }

    namespace Modules
    {
        /// <summary>A tensor that is a module's learnable state: a leaf, owned by its module, never by a dispose scope.</summary>
        public class Parameter : torch.Tensor
        {
            public Parameter(torch.Tensor data, bool requires_grad = true) : base(DetachedRaw(data))
            {
                DetachFromDisposeScope();
                this.requires_grad = requires_grad;
            }

            static IntPtr DetachedRaw(torch.Tensor data)
            {
                Native.NativeMethods.Check(Native.NativeMethods.gml_detach(data.NativeHandle, out var raw));
                return raw;
            }
        }
    }
}
