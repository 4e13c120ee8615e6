using System;
using System.Linq;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Generative.ML.Estimators.Tests.Schema
{
    /// <summary>GetOutputSchema checks the input column before any work and names the new columns, as ML.NET's transforms do.</summary>
    public class OutputSchemaTests
    {
        sealed class NoColumns { }

        sealed class Columns
        {
            [VectorType(12)] public float[] Features { get; set; } = Array.Empty<float>();
            public float Scalar { get; set; }
            [VectorType] public float[] Unknown { get; set; } = Array.Empty<float>();
            [VectorType(4)] public double[] Doubles { get; set; } = Array.Empty<double>();
        }

        // SchemaShape.Create is internal to ML.NET; a custom mapping from no columns adds exactly its output's columns.
        static SchemaShape Input() => new MLContext().Transforms.CustomMapping<NoColumns, Columns>((_, _) => { }, contractName: null)
                                                       .GetOutputSchema(new SchemaShape(Array.Empty<SchemaShape.Column>()));

        [Fact]
        public void AnomalyScoreAddsScalarScoreAndPredictedLabel()
        {
            var output = new MLContext().Transforms.VaeAnomalyScore(inputColumnName: "Features").GetOutputSchema(Input());
            var score = output.Single(c => c.Name == "Score");
            var label = output.Single(c => c.Name == "PredictedLabel");
            Assert.Equal((SchemaShape.Column.VectorKind.Scalar, (DataViewType)NumberDataViewType.Single), (score.Kind, score.ItemType));
            Assert.Equal((SchemaShape.Column.VectorKind.Scalar, (DataViewType)BooleanDataViewType.Instance), (label.Kind, label.ItemType));
            Assert.Contains(output, c => c.Name == "Features");
        }

        [Fact]
        public void VectorQuantizedEncodeAddsTheCodeAndItsIndicesAndTheGanScoreHasNoContributions()
        {
            var ml = new MLContext();
            var vq = ml.Transforms.VectorQuantizedEncode("Code", "Features", new VectorQuantizedOptions { CodeIndicesColumnName = "Indices" }).GetOutputSchema(Input());
            foreach (var name in new[] { "Code", "Indices" }) {
                var added = vq.Single(c => c.Name == name);
                Assert.Equal((SchemaShape.Column.VectorKind.Vector, (DataViewType)NumberDataViewType.Single), (added.Kind, added.ItemType));
            }
            var gan = ml.Transforms.GanAnomalyScore(inputColumnName: "Features").GetOutputSchema(Input());
            Assert.Contains(gan, c => c.Name == "Score");
            Assert.Contains(gan, c => c.Name == "PredictedLabel");
            Assert.DoesNotContain(gan, c => c.Name == "FeatureContributions");
            Assert.Contains("Scalar", Assert.ThrowsAny<ArgumentException>(() => ml.Transforms.GanAnomalyScore(inputColumnName: "Scalar").GetOutputSchema(Input())).Message);
        }

        [Fact]
        public void EncodeAndReconstructAddAKnownSizeSingleVector()
        {
            var ml = new MLContext();
            foreach (var estimator in new IEstimator<ITransformer>[] { ml.Transforms.VaeEncode("Code", "Features"), ml.Transforms.AutoencoderReconstruct("Back", "Features") }) {
                var added = estimator.GetOutputSchema(Input()).Single(c => c.Name is "Code" or "Back");
                Assert.Equal((SchemaShape.Column.VectorKind.Vector, (DataViewType)NumberDataViewType.Single), (added.Kind, added.ItemType));
            }
        }

        [Fact]
        public void EncodeWithALogVarianceColumnAddsItToo()
        {
            var options = new VariationalAutoencoderOptions { LogVarianceColumnName = "LogVar" };
            var output = new MLContext().Transforms.VaeEncode("Code", "Features", options).GetOutputSchema(Input());
            Assert.Contains(output, c => c.Name == "Code");
            Assert.Contains(output, c => c.Name == "LogVar" && c.Kind == SchemaShape.Column.VectorKind.Vector);
        }

        [Fact]
        public void AMissingColumnIsNamed()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().Transforms.VaeAnomalyScore(inputColumnName: "Nope").GetOutputSchema(Input()));
            Assert.Contains("'Nope' not found", e.Message);
        }

        [Theory]
        [InlineData("Scalar", "got Single")]
        [InlineData("Unknown", "unknown size")]
        [InlineData("Doubles", "of Double")]
        public void AColumnOfAnotherShapeIsNamedWithWhatWasExpected(string column, string got)
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new MLContext().Transforms.VaeEncode("Code", column).GetOutputSchema(Input()));
            Assert.Contains($"input column '{column}'", e.Message);
            Assert.Contains("expected a known-size vector of Single", e.Message);
            Assert.Contains(got, e.Message);
        }

        [Fact]
        public void BadOptionsAreRefusedWhenTheEstimatorIsMade()
        {
            var ml = new MLContext();
            Assert.Equal("LatentSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeEncode("Code", "Features", new VariationalAutoencoderOptions { LatentSize = 0 })).ParamName);
            Assert.Equal("Contamination", Assert.Throws<ArgumentOutOfRangeException>(() =>
                ml.Transforms.VaeAnomalyScore("Score", "Features", new VariationalAutoencoderOptions { Contamination = 0.7 })).ParamName);
        }
    }
}
