using System;
using Generative.ML.Training.Data;

namespace Generative.ML.Training.Tests.Data
{
    public class TrainingDataTests
    {
        [Fact]
        public void RowsAreStoredRowMajorWithTheirConditions()
        {
            var data = TrainingData.FromRows(new[] { new[] { 1f, 2f }, new[] { 3f, 4f } }, new[] { new[] { 1f }, new[] { 0f } });
            Assert.Equal((2, 2, 1), (data.RowCount, data.FeatureCount, data.ConditionCount));
            Assert.Equal(new[] { 1f, 2f, 3f, 4f }, data.Features);
            Assert.Equal(new[] { 1f, 0f }, data.Conditions);
            var second = data.Subset(new[] { 1 });
            Assert.Equal(new[] { 3f, 4f }, second.Features);
            Assert.Equal(new[] { 0f }, second.Conditions);
        }

        [Fact]
        public void EmptyDataIsRefused()
        {
            Assert.Equal("rows", Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromRows(Array.Empty<float[]>())).ParamName);
            Assert.Equal("features", Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromMatrix(Array.Empty<float>(), 3)).ParamName);
        }

        [Fact]
        public void ARowOfAnotherLengthIsNamed()
        {
            var e = Assert.Throws<InvalidTrainingDataException>(() =>
                TrainingData.FromRows(new[] { new[] { 1f, 2f }, new[] { 3f, 4f }, new[] { 5f } }));
            Assert.Equal(2, e.Row);
            Assert.Contains("Row 2 has 1 values but row 0 has 2", e.Message);
            Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromMatrix(new float[7], 3));
        }

        [Theory]
        [InlineData(float.NaN)]
        [InlineData(float.PositiveInfinity)]
        [InlineData(float.NegativeInfinity)]
        public void NonFiniteValuesAreNamedByRowAndColumn(float bad)
        {
            var values = new float[12];
            values[7] = bad;   // row 2, column 1 of a 4 x 3 matrix
            var e = Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromMatrix(values, 3));
            Assert.Equal((2, 1), (e.Row!.Value, e.Column!.Value));
            Assert.Contains("Row 2, column 1", e.Message);
        }

        [Fact]
        public void ConditionsMustMatchTheRows()
        {
            var e = Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromRows(new[] { new[] { 1f }, new[] { 2f } }, new[] { new[] { 1f } }));
            Assert.Equal("conditions", e.ParamName);
            var nan = Assert.Throws<InvalidTrainingDataException>(() => TrainingData.FromMatrix(new float[4], 2, new[] { 0f, float.NaN }, 1));
            Assert.Equal("conditions", nan.ParamName);
            Assert.Equal(1, nan.Row);
        }
    }
}
