using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>
    /// Learns an affine map per slot, y = (x - offset) * scale, from one pass over the data: min-max or mean-variance.
    /// With fixZero the offset is 0, so zeros stay zeros (and sparsity is kept).
    /// </summary>
    public sealed class NormalizingEstimator : IEstimator<NormalizingTransformer>
    {
        internal enum Mode { MinMax, MeanVariance }

        private readonly (string Output, string Input)[] _columns;
        private readonly Mode _mode;
        private readonly long _maximumExampleCount;
        private readonly bool _fixZero;

        internal NormalizingEstimator((string Output, string Input)[] columns, Mode mode, long maximumExampleCount, bool fixZero)
        {
            if (maximumExampleCount <= 1)
                throw new ArgumentOutOfRangeException(nameof(maximumExampleCount), "Must be greater than 1");
            _columns = columns;
            _mode = mode;
            _maximumExampleCount = maximumExampleCount;
            _fixZero = fixZero;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            return Shapes.With(inputSchema, _columns.Select(c =>
            {
                var source = SchemaErrors.Find(inputSchema, c.Input, "input", nameof(inputSchema));
                bool floating = source.ItemType.Equals(NumberDataViewType.Single) || source.ItemType.Equals(NumberDataViewType.Double);
                if (!floating || source.IsKey || source.Kind == SchemaShape.Column.VectorKind.VariableVector)
                    throw SchemaErrors.Mismatch(nameof(inputSchema), "input", c.Input, "Single, Double or a known-size vector of them", source.GetTypeString());
                return Shapes.Renamed(source, c.Output);
            }).ToArray());
        }

        public NormalizingTransformer Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            GetOutputSchema(SchemaShape.Create(input.Schema));
            var sources = _columns.Select(c => input.Schema[c.Input]).ToArray();
            var stats = sources.Select(s => new SlotStatistics(s.Type is VectorDataViewType v ? v.Size : 1)).ToArray();
            using (var cursor = input.GetRowCursor(sources.Distinct()))
            {
                var readers = sources.Select(s => Reader(cursor, s)).ToArray();
                long rows = 0;
                while (rows < _maximumExampleCount && cursor.MoveNext())
                {
                    for (int i = 0; i < readers.Length; i++)
                        stats[i].Add(readers[i](), _columns[i].Input);
                    rows++;
                }
            }
            var functions = stats.Select((s, i) => s.Affine(_mode, _fixZero, sources[i].Type)).ToArray();
            return new NormalizingTransformer(_columns, functions);
        }

        // Every value as double, with the slot it came from implied by position; sparse vectors fill their implicit zeros.
        private static Func<double[]> Reader(DataViewRow row, DataViewSchema.Column column)
        {
            bool single = (column.Type is VectorDataViewType v ? v.ItemType : column.Type).RawType == typeof(float);
            int size = column.Type is VectorDataViewType vv ? vv.Size : 1;
            var values = new double[size];
            if (column.Type is VectorDataViewType)
            {
                if (single)
                {
                    var g = row.GetGetter<VBuffer<float>>(column);
                    VBuffer<float> b = default;
                    var dense = new float[size];
                    return () => { g(ref b); CheckLength(b.Length, size, column.Name); b.CopyTo(dense); for (int i = 0; i < size; i++) values[i] = dense[i]; return values; };
                }
                var gd = row.GetGetter<VBuffer<double>>(column);
                VBuffer<double> bd = default;
                return () => { gd(ref bd); CheckLength(bd.Length, size, column.Name); bd.CopyTo(values); return values; };
            }
            if (single)
            {
                var s = row.GetGetter<float>(column);
                float x = 0;
                return () => { s(ref x); values[0] = x; return values; };
            }
            var d = row.GetGetter<double>(column);
            double y = 0;
            return () => { d(ref y); values[0] = y; return values; };
        }

        private static void CheckLength(int actual, int expected, string column)
        {
            if (actual != expected)
                throw new InvalidOperationException($"Normalizer expected {expected} slots but got {actual} in column '{column}'.");
        }

        /// <summary>Per-slot min, max, and Welford's running mean and sum of squared deviations; NaNs are skipped.</summary>
        private sealed class SlotStatistics
        {
            private readonly double[] _min, _max, _mean, _m2;
            private readonly long[] _count;

            public SlotStatistics(int size)
            {
                _min = Enumerable.Repeat(double.PositiveInfinity, size).ToArray();
                _max = Enumerable.Repeat(double.NegativeInfinity, size).ToArray();
                _mean = new double[size];
                _m2 = new double[size];
                _count = new long[size];
            }

            public void Add(double[] values, string column)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    double x = values[i];
                    if (double.IsNaN(x))
                        continue;
                    _min[i] = Math.Min(_min[i], x);
                    _max[i] = Math.Max(_max[i], x);
                    long n = ++_count[i];
                    double delta = x - _mean[i];
                    _mean[i] += delta / n;
                    _m2[i] += delta * (x - _mean[i]);
                }
            }

            // As ML.NET: a slot with no spread (constant, empty or all-NaN) gets scale 0; variances are population ones.
            public AffineFunction Affine(Mode mode, bool fixZero, DataViewType type)
            {
                int size = _min.Length;
                var scale = new double[size];
                var offset = new double[size];
                for (int i = 0; i < size; i++)
                {
                    if (mode == Mode.MinMax)
                    {
                        if (!(_max[i] > _min[i]))
                            continue;
                        if (fixZero)
                            scale[i] = 1 / Math.Max(Math.Abs(_max[i]), Math.Abs(_min[i]));
                        else
                        {
                            scale[i] = 1 / (_max[i] - _min[i]);
                            offset[i] = _min[i];
                        }
                    }
                    else
                    {
                        if (_count[i] == 0 || _m2[i] == 0)
                            continue;
                        double variance = _m2[i] / _count[i];
                        if (fixZero)
                            scale[i] = 1 / Math.Sqrt(variance + _mean[i] * _mean[i]);
                        else
                        {
                            scale[i] = 1 / Math.Sqrt(variance);
                            offset[i] = _mean[i];
                        }
                    }
                }
                return new AffineFunction { Scale = scale, Offset = offset, Type = TypeCodec.Encode(type) };
            }
        }
    }

    /// <summary>The fitted per-slot affine maps of a normalizer.</summary>
    internal sealed class AffineFunction
    {
        public double[] Scale { get; set; } = Array.Empty<double>();
        public double[] Offset { get; set; } = Array.Empty<double>();
        public TypeCodec.TypeRecord Type { get; set; } = new();
    }

    public sealed class NormalizingTransformer : RowToRowTransformerBase
    {
        private readonly (string Output, string Input)[] _columns;
        private readonly AffineFunction[] _functions;

        internal NormalizingTransformer((string Output, string Input)[] columns, AffineFunction[] functions)
        {
            _columns = columns;
            _functions = functions;
        }

        private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(schema, this);

        private protected override void SaveModel(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(NormalizingTransformer));
            ctx.WriteJson("Columns", _columns.Select(c => new[] { c.Output, c.Input }).ToArray());
            ctx.WriteJson("Functions", _functions);
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
            => new NormalizingTransformer(ctx.ReadJson<string[][]>("Columns").Select(c => (c[0], c[1])).ToArray(),
                ctx.ReadJson<AffineFunction[]>("Functions"));

        private sealed class Mapper : OneToOneMapper
        {
            private readonly NormalizingTransformer _parent;
            private readonly DataViewType[] _types;

            public Mapper(DataViewSchema input, NormalizingTransformer parent)
                : base(input, parent._columns)
            {
                _parent = parent;
                _types = parent._functions.Select(f => TypeCodec.Decode(f.Type)).ToArray();
                for (int i = 0; i < Sources.Length; i++)
                    if (!Sources[i].Type.Equals(_types[i]))
                        throw SchemaErrors.Mismatch("inputSchema", "input", Sources[i].Name, _types[i].ToString(), Sources[i].Type.ToString());
            }

            protected override DataViewType OutputType(int i) => _types[i];

            private static void CheckLength(int actual, int expected, string column)
            {
                if (actual != expected)
                    throw new InvalidOperationException($"Column '{column}' should have {expected} values, but a row holds {actual}.");
            }

            protected override Delegate MakeGetter(DataViewRow input, int i)
            {
                var source = Sources[i];
                bool vector = source.Type is VectorDataViewType;
                var raw = vector ? ((VectorDataViewType)source.Type).ItemType.RawType : source.Type.RawType;
                string method = vector ? nameof(VectorGetter) : nameof(ScalarGetter);
                return (Delegate)typeof(Mapper).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(raw).Invoke(null, new object[] { input, source, _parent._functions[i] });
            }

            // y = (x - offset) * scale, computed in double and rounded back to the column's type.
            private static ValueGetter<T> ScalarGetter<T>(DataViewRow input, DataViewSchema.Column source, AffineFunction f)
                where T : IFloatingPointIeee754<T>
            {
                var getter = input.GetGetter<T>(source);
                double scale = f.Scale[0], offset = f.Offset[0];
                return (ref T dst) =>
                {
                    getter(ref dst);
                    dst = T.CreateTruncating((double.CreateTruncating(dst) - offset) * scale);
                };
            }

            private static ValueGetter<VBuffer<T>> VectorGetter<T>(DataViewRow input, DataViewSchema.Column source, AffineFunction f)
                where T : IFloatingPointIeee754<T>
            {
                var getter = input.GetGetter<VBuffer<T>>(source);
                var scale = f.Scale;
                var offset = f.Offset;
                VBuffer<T> src = default;
                return (ref VBuffer<T> dst) =>
                {
                    getter(ref src);
                    CheckLength(src.Length, scale.Length, source.Name);
                    var editor = VBufferEditor.Create(ref dst, src.Length);
                    src.CopyTo(editor.Values);
                    for (int k = 0; k < scale.Length; k++)
                        editor.Values[k] = T.CreateTruncating((double.CreateTruncating(editor.Values[k]) - offset[k]) * scale[k]);
                    dst = editor.Commit();
                };
            }
        }
    }
}
