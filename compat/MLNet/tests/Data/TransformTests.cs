using System;
using System.Linq;
using Microsoft.ML.Data;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    public class TransformTests
    {
        private readonly MLContext _ml = new(seed: 1);

        private IDataView Data() => _ml.Data.LoadFromEnumerable(new[]
        {
            new Reading { A = 1, B = -2, V = new float[] { 0, 10, 5 }, Name = "1.5" },
            new Reading { A = 3, B = 2, V = new float[] { 4, 10, -5 }, Name = "x" },
            new Reading { A = 5, B = 6, V = new float[] { 8, 10, 0 }, Name = "-2" },
        });

        [Fact]
        public void ConcatenatePutsScalarsAndVectorsInOrder()
        {
            var output = _ml.Transforms.Concatenate("All", "A", "V", "B").Fit(Data()).Transform(Data());
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Single, 5), output.Schema["All"].Type);
            Assert.Equal(new float[] { 3, 4, 10, -5, 2 }, Read.Vectors(output, "All")[1]);
        }

        [Fact]
        public void ConcatenateRefusesMixedItemTypes()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.Concatenate("All", "A", "Name").Fit(Data()));
            Assert.Contains("'Name'", error.Message);
        }

        [Fact]
        public void MinMaxWithFixZeroDividesByTheLargestMagnitude()
        {
            var output = _ml.Transforms.NormalizeMinMax("N", "V").Fit(Data()).Transform(Data());
            // Slot 0: max |x| = 8; slot 1 is constant (scale 0, as ML.NET); slot 2: max |x| = 5.
            Assert.Equal(new[] { new[] { 0f, 0, 1 }, new[] { 0.5f, 0, -1 }, new[] { 1f, 0, 0 } }, Read.Vectors(output, "N"));
        }

        [Fact]
        public void MinMaxWithoutFixZeroMapsOntoZeroToOne()
        {
            var output = _ml.Transforms.NormalizeMinMax("N", "B", fixZero: false).Fit(Data()).Transform(Data());
            Assert.Equal(new[] { 0f, 0.5f, 1f }, Read.Column<float>(output, "N"));
        }

        [Fact]
        public void MeanVarianceUsesPopulationStatistics()
        {
            // B = -2, 2, 6: mean 2, population variance 32/3.
            var centered = _ml.Transforms.NormalizeMeanVariance("N", "B", fixZero: false).Fit(Data()).Transform(Data());
            double sd = Math.Sqrt(32.0 / 3);
            Assert.Equal(new[] { -4 / sd, 0, 4 / sd }, Read.Column<float>(centered, "N").Select(v => (double)v), new Tolerance(1e-6));
            // fixZero: no offset, scale 1 / sqrt(variance + mean^2).
            var scaled = _ml.Transforms.NormalizeMeanVariance("N", "B").Fit(Data()).Transform(Data());
            double rms = Math.Sqrt(32.0 / 3 + 4);
            Assert.Equal(new[] { -2 / rms, 2 / rms, 6 / rms }, Read.Column<float>(scaled, "N").Select(v => (double)v), new Tolerance(1e-6));
        }

        [Fact]
        public void NormalizersRefuseText()
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => _ml.Transforms.NormalizeMinMax("N", "Name").Fit(Data()));
            Assert.Contains("'Name'", error.Message);
        }

        [Fact]
        public void ConvertTypeHandlesTextNumbersAndBooleans()
        {
            var output = _ml.Transforms.Conversion.ConvertType("Parsed", "Name")
                .Append(_ml.Transforms.Conversion.ConvertType("AsBool", "B", DataKind.Boolean))
                .Append(_ml.Transforms.Conversion.ConvertType("AsInt", "V", DataKind.Int32))
                .Fit(Data()).Transform(Data());
            var parsed = Read.Column<float>(output, "Parsed");
            Assert.Equal(1.5f, parsed[0]);
            Assert.True(float.IsNaN(parsed[1]));
            Assert.Equal(-2f, parsed[2]);
            Assert.Equal(new[] { true, true, true }, Read.Column<bool>(output, "AsBool"));
            Assert.Equal(new VectorDataViewType(NumberDataViewType.Int32, 3), output.Schema["AsInt"].Type);
            Assert.Equal(new[] { 4, 10, -5 }, Read.Vectors<int>(output, "AsInt")[1]);
        }

        [Fact]
        public void SelectKeepsTheGivenOrderAndDropRemoves()
        {
            var selected = _ml.Transforms.SelectColumns("V", "A").Fit(Data()).Transform(Data());
            Assert.Equal(new[] { "V", "A" }, selected.Schema.Select(c => c.Name));
            var dropped = _ml.Transforms.DropColumns("V", "Name").Fit(Data()).Transform(Data());
            Assert.Equal(new[] { "A", "B" }, dropped.Schema.Select(c => c.Name));
            Assert.Equal(new float[] { 1, 3, 5 }, Read.Column<float>(dropped, "A"));
        }

        [Fact]
        public void ACopyUnderAnExistingNameHidesTheOriginal()
        {
            var output = _ml.Transforms.CopyColumns("A", "B").Fit(Data()).Transform(Data());
            Assert.Equal(new float[] { -2, 2, 6 }, Read.Column<float>(output, "A"));
            Assert.Contains(output.Schema, c => c.Name == "A" && c.IsHidden);
            var visible = _ml.Transforms.SelectColumns("A").Fit(output).Transform(output);
            Assert.Single(visible.Schema);
        }

        private sealed class Tolerance : System.Collections.Generic.IEqualityComparer<double>
        {
            private readonly double _eps;
            public Tolerance(double eps) => _eps = eps;
            public bool Equals(double x, double y) => Math.Abs(x - y) <= _eps;
            public int GetHashCode(double obj) => 0;
        }
    }
}
