using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    public class EnumerableTests
    {
        private readonly MLContext _ml = new(seed: 1);

        public sealed class Annotated
        {
            [ColumnName("Features"), VectorType(2)]
            public float[] Values { get; set; } = new float[2];

            [NoColumn]
            public string Ignored { get; set; } = "";

            public bool Flag;

            [KeyType(3)]
            public uint Category { get; set; }
        }

        [Fact]
        public void SchemaComesFromFieldsThenPropertiesWithTheirAttributes()
        {
            var view = _ml.Data.LoadFromEnumerable(new[] { new Annotated() });
            Assert.Equal(new[] { "Flag", "Features", "Category" }, view.Schema.Select(c => c.Name));
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 2), view.Schema["Features"].Type);
            Assert.Equal(BooleanDataViewType.Instance, view.Schema["Flag"].Type);
            Assert.Equal(new KeyDataViewType(typeof(uint), 3), view.Schema["Category"].Type);
        }

        [Fact]
        public void RowsRoundTripThroughAView()
        {
            var rows = new[]
            {
                new Reading { A = 1, B = 2, V = new float[] { 1, 2, 3 }, Name = "one" },
                new Reading { A = -1, B = 0.5f, V = new float[] { 4, 5, 6 }, Name = "two" },
            };
            var back = _ml.Data.CreateEnumerable<Reading>(_ml.Data.LoadFromEnumerable(rows), reuseRowObject: false).ToArray();
            Assert.Equal(rows.Select(r => (r.A, r.B, r.Name)), back.Select(r => (r.A, r.B, r.Name)));
            Assert.Equal(rows[1].V, back[1].V);
            Assert.NotSame(back[0], back[1]);
        }

        [Fact]
        public void ReusingTheRowObjectRefillsOneInstance()
        {
            var rows = Enumerable.Range(0, 3).Select(i => new Reading { A = i }).ToArray();
            var seen = new List<Reading>();
            var values = new List<float>();
            foreach (var row in _ml.Data.CreateEnumerable<Reading>(_ml.Data.LoadFromEnumerable(rows), reuseRowObject: true))
            {
                seen.Add(row);
                values.Add(row.A);
            }
            Assert.Equal(new float[] { 0, 1, 2 }, values);
            Assert.Single(seen.Distinct());
        }

        public sealed class OnlyA
        {
            public float A { get; set; }
            public float Missing { get; set; }
        }

        [Fact]
        public void AMissingColumnIsAnErrorUnlessIgnored()
        {
            var view = _ml.Data.LoadFromEnumerable(new[] { new Reading { A = 3 } });
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Data.CreateEnumerable<OnlyA>(view, false));
            Assert.Contains("'Missing'", error.Message);
            Assert.Equal(3f, _ml.Data.CreateEnumerable<OnlyA>(view, false, ignoreMissingColumns: true).Single().A);
        }

        [Fact]
        public void AVectorOfTheWrongLengthIsAnErrorNamingTheColumn()
        {
            var view = _ml.Data.LoadFromEnumerable(new[] { new Reading { V = new float[] { 1, 2 } } });
            var error = Assert.Throws<InvalidOperationException>(() => _ml.Data.CreateEnumerable<Reading>(view, false).ToArray());
            Assert.Contains("'V'", error.Message);
            Assert.Contains("size 3", error.Message);
        }

        [Fact]
        public void GettersCheckTypeAndActivity()
        {
            var view = _ml.Data.LoadFromEnumerable(new[] { new Reading { A = 1 } });
            using var cursor = view.GetRowCursor(new[] { view.Schema["A"] });
            Assert.True(cursor.IsColumnActive(view.Schema["A"]));
            Assert.False(cursor.IsColumnActive(view.Schema["B"]));
            Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<float>(view.Schema["B"]));
            Assert.Throws<InvalidOperationException>(() => cursor.GetGetter<double>(view.Schema["A"]));
            Assert.Equal(-1, cursor.Position);
            Assert.True(cursor.MoveNext());
            Assert.Equal(0, cursor.Position);
            float a = 0;
            cursor.GetGetter<float>(view.Schema["A"])(ref a);
            Assert.Equal(1f, a);
            Assert.False(cursor.MoveNext());
        }
    }
}
