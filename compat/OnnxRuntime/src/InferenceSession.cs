using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime.Native;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Microsoft.ML.OnnxRuntime
{
    /// <summary>
    /// A loaded ONNX model, ready to run. One native OrtSession; as in ONNX Runtime, Run may be called from several
    /// threads at once.
    /// </summary>
    public class InferenceSession : IDisposable
    {
        readonly OrtHandle _session;
        readonly Utf8Names _inputNamesUtf8;
        readonly Utf8Names _outputNamesUtf8;
        readonly Dictionary<string, int> _inputIndex;
        readonly Dictionary<string, int> _outputIndex;
        readonly Lazy<ModelMetadata> _modelMetadata;
        readonly RunOptions _builtInRunOptions = new();

        public InferenceSession(string modelPath)
            : this(CreateFromPath(modelPath ?? throw new ArgumentNullException(nameof(modelPath)), null)) { }

        public InferenceSession(string modelPath, SessionOptions options)
            : this(CreateFromPath(modelPath ?? throw new ArgumentNullException(nameof(modelPath)),
                                  options ?? throw new ArgumentNullException(nameof(options)))) { }

        public InferenceSession(byte[] model)
            : this(CreateFromBytes(model ?? throw new ArgumentNullException(nameof(model)), null)) { }

        public InferenceSession(byte[] model, SessionOptions options)
            : this(CreateFromBytes(model ?? throw new ArgumentNullException(nameof(model)),
                                   options ?? throw new ArgumentNullException(nameof(options)))) { }

        InferenceSession(OrtHandle session)
        {
            _session = session;
            try {
                (InputNames, InputMetadata) = ReadNodes(input: true);
                (OutputNames, OutputMetadata) = ReadNodes(input: false);
                _inputNamesUtf8 = new Utf8Names(InputNames);
                _outputNamesUtf8 = new Utf8Names(OutputNames);
            } catch {
                session.Dispose();
                throw;
            }
            _inputIndex = InputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
            _outputIndex = OutputNames.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i);
            _modelMetadata = new Lazy<ModelMetadata>(() => WithSession(s => new ModelMetadata(s)));
        }

        public IReadOnlyDictionary<string, NodeMetadata> InputMetadata { get; }
        public IReadOnlyList<string> InputNames { get; }
        public IReadOnlyDictionary<string, NodeMetadata> OutputMetadata { get; }
        public IReadOnlyList<string> OutputNames { get; }
        public ModelMetadata ModelMetadata => _modelMetadata.Value;

        /// <summary>Runs the model and fetches every output, copied into managed tensors.</summary>
        public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs) =>
            Run(inputs, OutputNames);

        public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs,
                                                                           IReadOnlyCollection<string> outputNames) =>
            Run(inputs, outputNames, _builtInRunOptions);

        public IDisposableReadOnlyCollection<DisposableNamedOnnxValue> Run(IReadOnlyCollection<NamedOnnxValue> inputs,
                                                                           IReadOnlyCollection<string> outputNames, RunOptions options)
        {
            if (inputs is null) throw new ArgumentNullException(nameof(inputs));
            if (outputNames is null) throw new ArgumentNullException(nameof(outputNames));
            var values = new DisposableList<OrtValue>(inputs.Count);
            try {
                foreach (var input in inputs) values.Add(ToOrtValue(input));
                using var outputs = Run(options, inputs.Select(i => i.Name).ToArray(), values, outputNames);
                var result = new DisposableList<DisposableNamedOnnxValue>(outputs.Count);
                var names = outputNames.ToArray();
                for (var i = 0; i < outputs.Count; i++) result.Add(new DisposableNamedOnnxValue(names[i], ToManagedTensor(outputs[i], names[i])));
                return result;
            } finally {
                values.Dispose();
            }
        }

        public IDisposableReadOnlyCollection<OrtValue> Run(RunOptions runOptions, IReadOnlyDictionary<string, OrtValue> inputs,
                                                           IReadOnlyCollection<string> outputNames)
        {
            if (inputs is null) throw new ArgumentNullException(nameof(inputs));
            return Run(runOptions, inputs.Keys.ToArray(), inputs.Values.ToArray(), outputNames);
        }

        /// <summary>Runs the model on OrtValues; the outputs are new OrtValues over memory ONNX Runtime allocated.</summary>
        public unsafe IDisposableReadOnlyCollection<OrtValue> Run(RunOptions runOptions, IReadOnlyCollection<string> inputNames,
                                                                  IReadOnlyCollection<OrtValue> inputValues, IReadOnlyCollection<string> outputNames)
        {
            if (runOptions is null) throw new ArgumentNullException(nameof(runOptions));
            if (inputNames is null) throw new ArgumentNullException(nameof(inputNames));
            if (inputValues is null) throw new ArgumentNullException(nameof(inputValues));
            if (outputNames is null) throw new ArgumentNullException(nameof(outputNames));
            if (inputNames.Count != inputValues.Count)
                throw new ArgumentException($"Length of {nameof(inputNames)} ({inputNames.Count}) must match that of {nameof(inputValues)} ({inputValues.Count}).");

            var inputIndices = inputNames.Select(n => Lookup(_inputIndex, n, "input", InputNames)).ToArray();
            var outputIndices = outputNames.Select(n => Lookup(_outputIndex, n, "output", OutputNames)).ToArray();
            var values = inputValues.ToArray();

            var inNames = stackalloc IntPtr[Math.Max(1, values.Length)];
            var inValues = stackalloc IntPtr[Math.Max(1, values.Length)];
            var outNames = stackalloc IntPtr[Math.Max(1, outputIndices.Length)];
            var outValues = stackalloc IntPtr[Math.Max(1, outputIndices.Length)];
            var referenced = new bool[values.Length];
            bool session = false, runOptionsRef = false;
            try {
                _session.DangerousAddRef(ref session);
                for (var i = 0; i < values.Length; i++) {
                    if (values[i] is null) throw new ArgumentNullException(nameof(inputValues), $"The value for input '{inputNames.ElementAt(i)}' is null.");
                    values[i].Handle.DangerousAddRef(ref referenced[i]);
                    inNames[i] = _inputNamesUtf8[inputIndices[i]];
                    inValues[i] = values[i].Handle.DangerousGetHandle();
                }
                for (var i = 0; i < outputIndices.Length; i++) {
                    outNames[i] = _outputNamesUtf8[outputIndices[i]];
                    outValues[i] = IntPtr.Zero;
                }
                runOptions.DangerousAddRef(ref runOptionsRef);
                OrtStatus.Check(OrtApi.Run(_session.DangerousGetHandle(), runOptions.Handle, inNames, inValues, (nuint)values.Length,
                                           outNames, (nuint)outputIndices.Length, outValues));
            } catch {
                for (var i = 0; i < outputIndices.Length; i++)
                    if (outValues[i] != IntPtr.Zero) OrtApi.ReleaseValue(outValues[i]);
                throw;
            } finally {
                if (runOptionsRef) runOptions.DangerousRelease();
                for (var i = 0; i < values.Length; i++) if (referenced[i]) values[i].Handle.DangerousRelease();
                if (session) _session.DangerousRelease();
            }

            var result = new DisposableList<OrtValue>(outputIndices.Length);
            for (var i = 0; i < outputIndices.Length; i++) result.Add(new OrtValue(new OrtHandle(outValues[i], OrtApi.ReleaseValue)));
            return result;
        }

        static int Lookup(Dictionary<string, int> index, string name, string kind, IReadOnlyList<string> known)
        {
            if (name is not null && index.TryGetValue(name, out var i)) return i;
            throw new OnnxRuntimeException(ErrorCode.InvalidArgument,
                $"The model has no {kind} named '{name}'. Its {kind}s are: {string.Join(", ", known.Select(k => $"'{k}'"))}.");
        }

        static OrtValue ToOrtValue(NamedOnnxValue input)
        {
            if (input is null) throw new ArgumentNullException(nameof(input));
            return input.Value switch {
                DenseTensor<float> t => FromDense(t),
                DenseTensor<double> t => FromDense(t),
                DenseTensor<int> t => FromDense(t),
                DenseTensor<long> t => FromDense(t),
                DenseTensor<bool> t => FromDense(t),
                DenseTensor<byte> t => FromDense(t),
                _ => throw new OnnxRuntimeException(ErrorCode.InvalidArgument,
                    $"Input '{input.Name}' holds {input.Value?.GetType().Name ?? "null"}; the stand-in takes DenseTensor<T> of float, double, int, long, bool or byte."),
            };
        }

        static OrtValue FromDense<T>(DenseTensor<T> tensor) where T : unmanaged
        {
            var dims = tensor.Dimensions.ToArray();
            var shape = Array.ConvertAll(dims, d => (long)d);
            return OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, tensor.Buffer, shape);
        }

        static object ToManagedTensor(OrtValue value, string name)
        {
            if (!value.IsTensor) throw new OnnxRuntimeException(ErrorCode.NotImplemented, $"Output '{name}' is {value.OnnxType}; the stand-in returns tensors only.");
            var info = value.GetTensorTypeAndShape();
            return info.ElementDataType switch {
                TensorElementType.Float => Copy<float>(value, info),
                TensorElementType.Double => Copy<double>(value, info),
                TensorElementType.Int32 => Copy<int>(value, info),
                TensorElementType.Int64 => Copy<long>(value, info),
                TensorElementType.Bool => Copy<bool>(value, info),
                TensorElementType.UInt8 => Copy<byte>(value, info),
                var other => throw new OnnxRuntimeException(ErrorCode.NotImplemented, $"Output '{name}' holds {other} values, which the stand-in does not return."),
            };
        }

        static DenseTensor<T> Copy<T>(OrtValue value, OrtTensorTypeAndShapeInfo info) where T : unmanaged
        {
            var data = value.DataAsSpan<T>(info).ToArray();
            return new DenseTensor<T>(data, Array.ConvertAll(info.Shape, d => checked((int)d)));
        }

        static unsafe OrtHandle CreateFromPath(string modelPath, SessionOptions? options)
        {
            var path = Encoding.UTF8.GetBytes(modelPath + "\0");
            return Create(options, (env, opts) => {
                IntPtr session;
                fixed (byte* p = path) OrtStatus.Check(OrtApi.CreateSession(env, p, opts, &session));
                return session;
            });
        }

        static unsafe OrtHandle CreateFromBytes(byte[] model, SessionOptions? options) =>
            Create(options, (env, opts) => {
                IntPtr session;
                fixed (byte* p = model) OrtStatus.Check(OrtApi.CreateSessionFromArray(env, p, (nuint)model.Length, opts, &session));
                return session;
            });

        static unsafe OrtHandle Create(SessionOptions? options, Func<IntPtr, IntPtr, IntPtr> create)
        {
            var env = OrtEnvironment.Handle;
            var own = options is null ? new SessionOptions() : null;
            var used = options ?? own!;
            var added = false;
            try {
                used.DangerousAddRef(ref added);
                return new OrtHandle(create(env, used.Handle), OrtApi.ReleaseSession);
            } finally {
                if (added) used.DangerousRelease();
                own?.Dispose();
            }
        }

        unsafe (IReadOnlyList<string>, IReadOnlyDictionary<string, NodeMetadata>) ReadNodes(bool input)
        {
            var session = _session.DangerousGetHandle();
            nuint count;
            OrtStatus.Check(input ? OrtApi.SessionGetInputCount(session, &count) : OrtApi.SessionGetOutputCount(session, &count));
            var allocator = OrtStrings.DefaultAllocator;
            var names = new List<string>();
            var metadata = new Dictionary<string, NodeMetadata>();
            for (nuint i = 0; i < count; i++) {
                byte* name;
                OrtStatus.Check(input ? OrtApi.SessionGetInputName(session, i, allocator, &name) : OrtApi.SessionGetOutputName(session, i, allocator, &name));
                var text = OrtStrings.TakeUtf8(name);
                IntPtr typeInfo;
                OrtStatus.Check(input ? OrtApi.SessionGetInputTypeInfo(session, i, &typeInfo) : OrtApi.SessionGetOutputTypeInfo(session, i, &typeInfo));
                using var owner = new OrtHandle(typeInfo, OrtApi.ReleaseTypeInfo);
                names.Add(text);
                metadata[text] = ReadNodeMetadata(typeInfo);
            }
            return (names, metadata);
        }

        static unsafe NodeMetadata ReadNodeMetadata(IntPtr typeInfo)
        {
            int onnxType;
            OrtStatus.Check(OrtApi.GetOnnxTypeFromTypeInfo(typeInfo, &onnxType));
            if ((OnnxValueType)onnxType != OnnxValueType.ONNX_TYPE_TENSOR)
                return new NodeMetadata((OnnxValueType)onnxType, 0, Array.Empty<int>(), Array.Empty<string>());
            IntPtr tensorInfo; // owned by typeInfo
            OrtStatus.Check(OrtApi.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo));
            var info = new OrtTensorTypeAndShapeInfo(tensorInfo);
            return new NodeMetadata(OnnxValueType.ONNX_TYPE_TENSOR, info.ElementDataType, Array.ConvertAll(info.Shape, d => (int)d), info.SymbolicDimensions);
        }

        T WithSession<T>(Func<OrtHandle, T> read)
        {
            var added = false;
            try {
                _session.DangerousAddRef(ref added);
                return read(_session);
            } finally {
                if (added) _session.DangerousRelease();
            }
        }

        public void Dispose()
        {
            _session.Dispose();
            _builtInRunOptions.Dispose();
            _inputNamesUtf8.Dispose();
            _outputNamesUtf8.Dispose();
            GC.SuppressFinalize(this);
        }
    }
}
