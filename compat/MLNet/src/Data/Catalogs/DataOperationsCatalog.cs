using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML
{
    /// <summary>Loading data into views, reading them back as objects, splitting them.</summary>
    public sealed class DataOperationsCatalog
    {
        internal DataOperationsCatalog(MLContext environment) => Environment = environment;

        internal MLContext Environment { get; }

        /// <summary>A train set and a test set drawn from the same data.</summary>
        public struct TrainTestData
        {
            public readonly IDataView TrainSet;
            public readonly IDataView TestSet;

            internal TrainTestData(IDataView trainSet, IDataView testSet)
            {
                TrainSet = trainSet;
                TestSet = testSet;
            }
        }

        /// <summary>A lazy view over objects: the sequence is enumerated again by every cursor.</summary>
        public IDataView LoadFromEnumerable<TRow>(IEnumerable<TRow> data)
            where TRow : class
            => new EnumerableDataView<TRow>(data ?? throw new ArgumentNullException(nameof(data)));

        /// <summary>
        /// The rows of <paramref name="data"/> as objects, lazily: one cursor moves as the sequence is enumerated.
        /// With <paramref name="reuseRowObject"/> the same object is refilled for every row.
        /// </summary>
        public IEnumerable<TRow> CreateEnumerable<TRow>(IDataView data, bool reuseRowObject, bool ignoreMissingColumns = false)
            where TRow : class, new()
        {
            if (data == null)
                throw new ArgumentNullException(nameof(data));
            var plan = ObjectFiller<TRow>.Plan(data.Schema, ignoreMissingColumns, nameof(data));
            return Enumerate(data, plan, reuseRowObject);
        }

        private static IEnumerable<TRow> Enumerate<TRow>(IDataView data, ObjectFiller<TRow>.Binding[] plan, bool reuse)
            where TRow : class, new()
        {
            using var cursor = data.GetRowCursor(plan.Select(p => p.Column));
            var fill = ObjectFiller<TRow>.Make(cursor, plan);
            TRow row = null;
            while (cursor.MoveNext())
            {
                if (!reuse || row == null)
                    row = new TRow();
                fill(row);
                yield return row;
            }
        }

        /// <summary>
        /// Splits rows at random into train and test views, <paramref name="testFraction"/> of them into test. Rows with
        /// the same <paramref name="samplingKeyColumnName"/> value land on the same side. Both views are lazy.
        /// </summary>
        public TrainTestData TrainTestSplit(IDataView data, double testFraction = 0.1, string samplingKeyColumnName = null, int? seed = null)
        {
            if (data == null)
                throw new ArgumentNullException(nameof(data));
            if (!(testFraction > 0 && testFraction < 1))
                throw new ArgumentOutOfRangeException(nameof(testFraction), "Must be between 0 and 1 exclusive");
            int useSeed = seed ?? Environment.Random.Next();
            int[] keyColumn = Array.Empty<int>();
            if (samplingKeyColumnName != null)
                keyColumn = new[] { SchemaErrors.Find(data.Schema, samplingKeyColumnName, "sampling key", nameof(samplingKeyColumnName)).Index };
            Func<DataViewRow, Func<double>> draw = row =>
            {
                if (keyColumn.Length == 0)
                    return () => Unit(useSeed, (ulong)row.Position);
                var value = KeyHasher.Make(row, row.Schema[keyColumn[0]]);
                return () => Unit(useSeed, value());
            };
            var train = new FilterDataView(data, keyColumn, row => { var u = draw(row); return () => u() >= testFraction; });
            var test = new FilterDataView(data, keyColumn, row => { var u = draw(row); return () => u() < testFraction; });
            return new TrainTestData(train, test);
        }

        // A uniform number in [0, 1) fixed by (seed, value): splitmix64 of the pair.
        private static double Unit(int seed, ulong value)
        {
            ulong z = value + 0x9E3779B97F4A7C15UL * (ulong)(uint)seed + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            z ^= z >> 31;
            return (z >> 11) * (1.0 / (1UL << 53));
        }
    }

    /// <summary>A 64-bit hash of a scalar column's value, for sampling keys.</summary>
    internal static class KeyHasher
    {
        public static Func<ulong> Make(DataViewRow row, DataViewSchema.Column column)
        {
            var raw = column.Type.RawType;
            if (column.Type is VectorDataViewType)
                throw new ArgumentOutOfRangeException("samplingKeyColumnName", $"Sampling key column '{column.Name}' must be a scalar, not {column.Type}.");
            if (raw == typeof(ReadOnlyMemory<char>))
            {
                var text = row.GetGetter<ReadOnlyMemory<char>>(column);
                return () =>
                {
                    ReadOnlyMemory<char> v = default;
                    text(ref v);
                    ulong h = 14695981039346656037UL;
                    foreach (char c in v.Span)
                        h = (h ^ c) * 1099511628211UL;
                    return h;
                };
            }
            var method = typeof(KeyHasher).GetMethod(nameof(Numeric), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(raw);
            return (Func<ulong>)method.Invoke(null, new object[] { row, column });
        }

        private static Func<ulong> Numeric<T>(DataViewRow row, DataViewSchema.Column column)
        {
            var getter = row.GetGetter<T>(column);
            return () =>
            {
                T v = default;
                getter(ref v);
                return (ulong)v.GetHashCode() * 0x9E3779B97F4A7C15UL;
            };
        }
    }

    /// <summary>Fills objects from a row: which data column each member reads, checked against the schema up front.</summary>
    internal static class ObjectFiller<TRow>
        where TRow : class
    {
        public readonly struct Binding
        {
            public Binding(MemberColumn member, DataViewSchema.Column column)
            {
                Member = member;
                Column = column;
            }

            public MemberColumn Member { get; }
            public DataViewSchema.Column Column { get; }
        }

        public static Binding[] Plan(DataViewSchema schema, bool ignoreMissingColumns, string paramName)
        {
            var bindings = new List<Binding>();
            foreach (var member in TypeSchema.Of(typeof(TRow), TypeSchema.Direction.Write).Columns)
            {
                var column = schema.GetColumnOrNull(member.Name);
                if (column == null)
                {
                    if (ignoreMissingColumns)
                        continue;
                    throw new ArgumentOutOfRangeException(paramName, $"Could not find column '{member.Name}'");
                }
                if (!member.Accepts(column.Value.Type))
                    throw new InvalidOperationException(
                        $"Can't bind the IDataView column '{member.Name}' of type '{column.Value.Type}' to field or property '{member.Member.Name}' of type '{member.MemberType}'.");
                bindings.Add(new Binding(member, column.Value));
            }
            return bindings.ToArray();
        }

        public static Action<TRow> Make(DataViewRow row, Binding[] plan)
        {
            var setters = plan.Select(b => b.Member.MakeSetter<TRow>(row, b.Column)).ToArray();
            return obj =>
            {
                foreach (var set in setters)
                    set(obj);
            };
        }
    }
}
