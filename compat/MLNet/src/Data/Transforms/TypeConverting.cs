using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using Microsoft.ML.Data;

namespace Microsoft.ML.Transforms
{
    /// <summary>Converts columns (scalar or vector) to another element kind.</summary>
    public sealed class TypeConvertingEstimator : IEstimator<TypeConvertingTransformer>
    {
        private readonly (string Output, string Input)[] _columns;
        private readonly DataKind _kind;

        internal TypeConvertingEstimator((string Output, string Input)[] columns, DataKind kind)
        {
            _columns = columns;
            _kind = kind;
            TypeConvertingTransformer.ItemTypeOf(kind);
        }

        public TypeConvertingTransformer Fit(IDataView input)
        {
            if (input == null)
                throw new ArgumentNullException(nameof(input));
            var transformer = new TypeConvertingTransformer(_columns, _kind);
            transformer.GetOutputSchema(input.Schema);
            return transformer;
        }

        public SchemaShape GetOutputSchema(SchemaShape inputSchema)
        {
            if (inputSchema == null)
                throw new ArgumentNullException(nameof(inputSchema));
            var item = TypeConvertingTransformer.ItemTypeOf(_kind);
            return Shapes.With(inputSchema, _columns.Select(c =>
            {
                var source = SchemaErrors.Find(inputSchema, c.Input, "input", nameof(inputSchema));
                if (!TypeConvertingTransformer.CanConvert(source.ItemType.RawType))
                    throw SchemaErrors.Mismatch(nameof(inputSchema), "input", c.Input, "a number, text or boolean column", source.GetTypeString());
                return Shapes.Column(c.Output, source.Kind, item);
            }).ToArray());
        }
    }

    public sealed class TypeConvertingTransformer : RowToRowTransformerBase
    {
        private readonly (string Output, string Input)[] _columns;
        private readonly DataKind _kind;

        internal TypeConvertingTransformer((string Output, string Input)[] columns, DataKind kind)
        {
            _columns = columns;
            _kind = kind;
        }

        internal static PrimitiveDataViewType ItemTypeOf(DataKind kind) => kind switch
        {
            DataKind.SByte => NumberDataViewType.SByte,
            DataKind.Byte => NumberDataViewType.Byte,
            DataKind.Int16 => NumberDataViewType.Int16,
            DataKind.UInt16 => NumberDataViewType.UInt16,
            DataKind.Int32 => NumberDataViewType.Int32,
            DataKind.UInt32 => NumberDataViewType.UInt32,
            DataKind.Int64 => NumberDataViewType.Int64,
            DataKind.UInt64 => NumberDataViewType.UInt64,
            DataKind.Single => NumberDataViewType.Single,
            DataKind.Double => NumberDataViewType.Double,
            DataKind.String => TextDataViewType.Instance,
            DataKind.Boolean => BooleanDataViewType.Instance,
            _ => throw new ArgumentOutOfRangeException("outputKind", $"Unknown data kind {kind}.")
        };

        internal static bool CanConvert(Type raw) => MemberColumn.PrimitiveOf(raw) != null || raw == typeof(ReadOnlyMemory<char>);

        private protected override IRowMapper MakeRowMapper(DataViewSchema schema) => new Mapper(schema, _columns, ItemTypeOf(_kind));

        private protected override void SaveModel(ModelSaveContext ctx)
        {
            ctx.SetLoader(typeof(TypeConvertingTransformer));
            ctx.WriteJson("Columns", _columns.Select(c => new[] { c.Output, c.Input }).ToArray());
            ctx.WriteJson("Kind", (int)_kind);
        }

        internal static ITransformer LoadFrom(ModelLoadContext ctx)
            => new TypeConvertingTransformer(ctx.ReadJson<string[][]>("Columns").Select(c => (c[0], c[1])).ToArray(), (DataKind)ctx.ReadJson<int>("Kind"));

        private sealed class Mapper : OneToOneMapper
        {
            private readonly PrimitiveDataViewType _item;

            public Mapper(DataViewSchema input, (string, string)[] columns, PrimitiveDataViewType item)
                : base(input, columns)
            {
                _item = item;
                foreach (var source in Sources)
                {
                    var sourceItem = source.Type is VectorDataViewType v ? v.ItemType : source.Type;
                    if (!CanConvert(sourceItem.RawType))
                        throw SchemaErrors.Mismatch("inputSchema", "input", source.Name, "a number, text or boolean column", source.Type.ToString());
                }
            }

            protected override DataViewType OutputType(int i)
                => Sources[i].Type is VectorDataViewType v ? new VectorDataViewType(_item, v.Dimensions) : _item;

            protected override Delegate MakeGetter(DataViewRow input, int i)
            {
                var source = Sources[i];
                var sourceItem = source.Type is VectorDataViewType v ? v.ItemType.RawType : source.Type.RawType;
                string method = source.Type is VectorDataViewType ? nameof(VectorGetter) : nameof(ScalarGetter);
                return (Delegate)typeof(Mapper).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(sourceItem, _item.RawType).Invoke(null, new object[] { input, source });
            }

            private static ValueGetter<TOut> ScalarGetter<TIn, TOut>(DataViewRow input, DataViewSchema.Column column)
            {
                var getter = input.GetGetter<TIn>(column);
                var convert = Converter<TIn, TOut>(column.Name);
                TIn value = default;
                return (ref TOut dst) => { getter(ref value); dst = convert(value); };
            }

            private static ValueGetter<VBuffer<TOut>> VectorGetter<TIn, TOut>(DataViewRow input, DataViewSchema.Column column)
            {
                var getter = input.GetGetter<VBuffer<TIn>>(column);
                var convert = Converter<TIn, TOut>(column.Name);
                VBuffer<TIn> value = default;
                return (ref VBuffer<TOut> dst) =>
                {
                    getter(ref value);
                    var editor = VBufferEditor.Create(ref dst, value.Length, value.GetValues().Length);
                    var values = value.GetValues();
                    for (int k = 0; k < values.Length; k++)
                        editor.Values[k] = convert(values[k]);
                    if (!value.IsDense)
                        value.GetIndices().CopyTo(editor.Indices);
                    dst = editor.Commit();
                };
            }

            // Numbers and booleans go through double (true is 1); text is parsed with the invariant culture, where a
            // bad number becomes NaN for floating point and an error for whole numbers.
            private static Func<TIn, TOut> Converter<TIn, TOut>(string column)
            {
                var inv = CultureInfo.InvariantCulture;
                if (typeof(TOut) == typeof(ReadOnlyMemory<char>))
                {
                    if (typeof(TIn) == typeof(ReadOnlyMemory<char>))
                        return x => (TOut)(object)x;
                    return x => (TOut)(object)(x is IFormattable f ? f.ToString(null, inv) : x.ToString()).AsMemory();
                }
                if (typeof(TIn) == typeof(ReadOnlyMemory<char>))
                {
                    return x =>
                    {
                        string text = ((ReadOnlyMemory<char>)(object)x).ToString().Trim();
                        if (typeof(TOut) == typeof(bool))
                            return (TOut)(object)(text.Equals("true", StringComparison.OrdinalIgnoreCase) || text == "1");
                        if (double.TryParse(text, NumberStyles.Float, inv, out double d))
                            return FromDouble<TOut>(d, column);
                        if (typeof(TOut) == typeof(float) || typeof(TOut) == typeof(double))
                            return FromDouble<TOut>(double.NaN, column);
                        throw new FormatException($"Column '{column}' holds '{text}', which cannot be converted to {typeof(TOut).Name}.");
                    };
                }
                return x => FromDouble<TOut>(ToDouble(x), column);
            }

            private static double ToDouble<TIn>(TIn x) => x switch
            {
                bool b => b ? 1 : 0,
                float f => f,
                double d => d,
                _ => Convert.ToDouble(x, CultureInfo.InvariantCulture)
            };

            private static TOut FromDouble<TOut>(double d, string column)
            {
                if (typeof(TOut) == typeof(float)) return (TOut)(object)(float)d;
                if (typeof(TOut) == typeof(double)) return (TOut)(object)d;
                if (typeof(TOut) == typeof(bool)) return (TOut)(object)(d != 0);
                if (double.IsNaN(d) || double.IsInfinity(d))
                    throw new InvalidOperationException($"Column '{column}' holds {d}, which has no {typeof(TOut).Name} value.");
                try
                {
                    return (TOut)Convert.ChangeType(Math.Truncate(d), typeof(TOut), CultureInfo.InvariantCulture);
                }
                catch (OverflowException)
                {
                    throw new OverflowException($"Column '{column}' holds {d}, which is out of the range of {typeof(TOut).Name}.");
                }
            }
        }
    }
}
