using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;

namespace Microsoft.ML.Transforms.Onnx
{
    /// <summary>
    /// Runs an ONNX graph one row at a time: each row's inputs become tensors of the rule-applied shapes, one Run computes
    /// the active outputs, and each output becomes a vector column. Owns its ONNX Runtime session: dispose it.
    /// </summary>
    public sealed class OnnxTransformer : RowToRowTransformerBase, IDisposable
    {
        private readonly byte[] _model;
        private readonly IDictionary<string, int[]> _shapes;
        private readonly int? _gpuDeviceId;
        private readonly bool _fallbackToCpu;
        private readonly InferenceSession _session;

        internal OnnxTransformer(byte[] model, string[] outputColumnNames, string[] inputColumnNames, IDictionary<string, int[]> shapeDictionary,
            int? gpuDeviceId, bool fallbackToCpu)
        {
            _model = model;
            _shapes = shapeDictionary?.ToDictionary(p => p.Key, p => p.Value.ToArray());
            _gpuDeviceId = gpuDeviceId;
            _fallbackToCpu = fallbackToCpu;
            _session = OpenSession(model, gpuDeviceId, fallbackToCpu);
            try
            {
                var inputNames = inputColumnNames ?? _session.InputMetadata.Keys.ToArray();
                var outputNames = outputColumnNames ?? _session.OutputMetadata.Keys.ToArray();
                Inputs = inputNames.Select(name => _session.InputMetadata.TryGetValue(name ?? "", out var node)
                    ? OnnxShape.Of(name, node, _shapes)
                    : throw new ArgumentException($"Column {name} doesn't match input node names of model. The model's inputs: {string.Join(", ", _session.InputMetadata.Keys)}.", nameof(inputColumnNames))).ToArray();
                Outputs = outputNames.Select(name => _session.OutputMetadata.TryGetValue(name ?? "", out var node)
                    ? OnnxShape.Of(name, node, _shapes)
                    : throw new ArgumentException($"Column {name} doesn't match output node names of model. The model's outputs: {string.Join(", ", _session.OutputMetadata.Keys)}.", nameof(outputColumnNames))).ToArray();
                foreach (var input in Inputs)
                    if (input.UnknownCount > 1)
                        throw new ArgumentException($"Input '{input.Name}' has more than one unknown dimension besides the first; give its shape in shapeDictionary.");
            }
            catch
            {
                _session.Dispose();
                throw;
            }
        }

        private static InferenceSession OpenSession(byte[] model, int? gpuDeviceId, bool fallbackToCpu)
        {
            if (gpuDeviceId != null)
            {
                try
                {
                    using var gpu = SessionOptions.MakeSessionOptionWithCudaProvider(gpuDeviceId.Value);
                    return new InferenceSession(model, gpu);
                }
                catch (OnnxRuntimeException) when (fallbackToCpu)
                {
                    // As ML.NET: with fallbackToCpu a GPU that cannot be used means the CPU.
                }
            }
            return new InferenceSession(model);
        }

        internal OnnxShape[] Inputs { get; }
        internal OnnxShape[] Outputs { get; }

        private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(schema, this);

        public void Dispose() => _session.Dispose();

        private sealed class Settings
        {
            public string[] Inputs { get; set; }
            public string[] Outputs { get; set; }
            public Dictionary<string, int[]> Shapes { get; set; }
            public int? GpuDeviceId { get; set; }
            public bool FallbackToCpu { get; set; }
        }

        private protected override void SaveModel(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(OnnxTransformer));
            ctx.WriteBytes("Model.onnx", _model);
            ctx.WriteJson("Settings", new Settings
            {
                Inputs = Inputs.Select(i => i.Name).ToArray(),
                Outputs = Outputs.Select(o => o.Name).ToArray(),
                Shapes = _shapes?.ToDictionary(p => p.Key, p => p.Value),
                GpuDeviceId = _gpuDeviceId,
                FallbackToCpu = _fallbackToCpu
            });
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
        {
            var settings = ctx.ReadJson<Settings>("Settings");
            return new OnnxTransformer(ctx.ReadBytes("Model.onnx"), settings.Outputs, settings.Inputs, settings.Shapes, settings.GpuDeviceId, settings.FallbackToCpu);
        }

        /// <summary>Binds the graph's inputs to columns of one schema and runs the graph for the active outputs.</summary>
        private sealed class Mapper : IRowMapper
        {
            private readonly OnnxTransformer _parent;
            private readonly DataViewSchema.Column[] _sources;

            public Mapper(DataViewSchema schema, OnnxTransformer parent)
            {
                _parent = parent;
                _sources = new DataViewSchema.Column[parent.Inputs.Length];
                for (int i = 0; i < _sources.Length; i++)
                {
                    var input = parent.Inputs[i];
                    var column = SchemaErrors.Find(schema, input.Name, "input", "inputSchema");
                    var item = column.Type is VectorDataViewType v ? v.ItemType : column.Type;
                    if (!item.Equals(input.ItemType))
                        throw SchemaErrors.Mismatch("inputSchema", "input", input.Name, input.ColumnType.ToString(), column.Type.ToString());
                    int length = column.Type is VectorDataViewType vector ? vector.Size : 1;
                    if (length > 0)
                        input.ShapeFor(length);
                    _sources[i] = column;
                }
            }

            public DataViewSchema.DetachedColumn[] GetOutputColumns()
                => _parent.Outputs.Select(o => new DataViewSchema.DetachedColumn(o.Name, o.ColumnType)).ToArray();

            public Func<int, bool> GetDependencies(Func<int, bool> activeOutput)
            {
                bool any = Enumerable.Range(0, _parent.Outputs.Length).Any(activeOutput);
                var needed = _sources.Select(s => s.Index).ToHashSet();
                return c => any && needed.Contains(c);
            }

            public Delegate[] CreateGetters(DataViewRow input, Func<int, bool> activeOutput, out Action disposer)
            {
                var active = Enumerable.Range(0, _parent.Outputs.Length).Where(activeOutput).ToArray();
                var getters = new Delegate[_parent.Outputs.Length];
                disposer = null;
                if (active.Length == 0)
                    return getters;
                var runner = new RowRunner(_parent, input, _sources, active);
                disposer = runner.Dispose;
                for (int k = 0; k < active.Length; k++)
                {
                    int slot = k;
                    var output = _parent.Outputs[active[k]];
                    getters[active[k]] = (Delegate)typeof(RowRunner).GetMethod(nameof(RowRunner.Getter))!
                        .MakeGenericMethod(output.RawType).Invoke(runner, new object[] { slot });
                }
                return getters;
            }
        }

        /// <summary>
        /// One cursor's scoring state: reads the row's inputs, runs the session once per row position, keeps the outputs
        /// for every getter of that row.
        /// </summary>
        private sealed class RowRunner : IDisposable
        {
            private readonly OnnxTransformer _parent;
            private readonly DataViewRow _row;
            private readonly Func<OrtValue>[] _inputs;
            private readonly string[] _inputNames;
            private readonly string[] _outputNames;
            private readonly Array[] _results;
            private readonly Action<OrtValue, int>[] _copyOut;
            private readonly RunOptions _runOptions = new RunOptions();
            private long _position = -1;

            public RowRunner(OnnxTransformer parent, DataViewRow row, DataViewSchema.Column[] sources, int[] activeOutputs)
            {
                _parent = parent;
                _row = row;
                _inputNames = parent.Inputs.Select(i => i.Name).ToArray();
                _inputs = parent.Inputs.Select((shape, i) => (Func<OrtValue>)typeof(RowRunner).GetMethod(nameof(InputReader), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(shape.RawType).Invoke(null, new object[] { row, sources[i], shape })).ToArray();
                var outputs = activeOutputs.Select(o => parent.Outputs[o]).ToArray();
                _outputNames = outputs.Select(o => o.Name).ToArray();
                _results = new Array[outputs.Length];
                _copyOut = outputs.Select(o => (Action<OrtValue, int>)typeof(RowRunner).GetMethod(nameof(OutputCopier), BindingFlags.NonPublic | BindingFlags.Instance)!
                    .MakeGenericMethod(o.RawType).Invoke(this, new object[] { o })).ToArray();
            }

            private static Func<OrtValue> InputReader<T>(DataViewRow row, DataViewSchema.Column column, OnnxShape shape)
                where T : unmanaged
            {
                if (column.Type is VectorDataViewType)
                {
                    var getter = row.GetGetter<VBuffer<T>>(column);
                    VBuffer<T> buffer = default;
                    return () =>
                    {
                        getter(ref buffer);
                        var data = new T[buffer.Length];
                        buffer.CopyTo(data);
                        return OrtValue.CreateTensorValueFromMemory(data, shape.ShapeFor(data.Length));
                    };
                }
                var scalar = row.GetGetter<T>(column);
                return () =>
                {
                    var data = new T[1];
                    scalar(ref data[0]);
                    return OrtValue.CreateTensorValueFromMemory(data, shape.ShapeFor(1));
                };
            }

            private Action<OrtValue, int> OutputCopier<T>(OnnxShape shape)
                where T : unmanaged
                => (value, slot) =>
                {
                    var data = value.GetTensorDataAsSpan<T>();
                    int declared = shape.ColumnType.Size;
                    if (declared > 0 && data.Length != declared)
                        throw new InvalidOperationException($"ONNX output '{shape.Name}' gave {data.Length} values for a row, but its column has {declared}.");
                    _results[slot] = data.ToArray();
                };

            private void EnsureRun()
            {
                if (_position == _row.Position && _position >= 0)
                    return;
                var values = new OrtValue[_inputs.Length];
                try
                {
                    for (int i = 0; i < values.Length; i++)
                        values[i] = _inputs[i]();
                    using var outputs = _parent._session.Run(_runOptions, _inputNames, values, _outputNames);
                    int k = 0;
                    foreach (var output in outputs)
                    {
                        _copyOut[k](output, k);
                        k++;
                    }
                }
                finally
                {
                    foreach (var value in values)
                        value?.Dispose();
                }
                _position = _row.Position;
            }

            public ValueGetter<VBuffer<T>> Getter<T>(int slot)
                => (ref VBuffer<T> dst) =>
                {
                    EnsureRun();
                    var values = (T[])_results[slot];
                    var editor = VBufferEditor.Create(ref dst, values.Length);
                    values.AsSpan().CopyTo(editor.Values);
                    dst = editor.Commit();
                };

            public void Dispose() => _runOptions.Dispose();
        }
    }
}
