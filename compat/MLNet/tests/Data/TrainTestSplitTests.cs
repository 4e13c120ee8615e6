using System.Linq;
using Microsoft.ML.Tests.Support;

namespace Microsoft.ML.Tests.Data
{
    public class TrainTestSplitTests
    {
        private readonly MLContext _ml = new(seed: 1);

        private IDataView Numbered(int rows, int groups = 0)
            => _ml.Data.LoadFromEnumerable(Enumerable.Range(0, rows).Select(i => new Reading { A = i, B = groups > 0 ? i % groups : 0 }).ToArray());

        [Fact]
        public void EveryRowLandsOnExactlyOneSideInTheAskedProportion()
        {
            var split = _ml.Data.TrainTestSplit(Numbered(10_000), testFraction: 0.2, seed: 5);
            var train = Read.Column<float>(split.TrainSet, "A");
            var test = Read.Column<float>(split.TestSet, "A");
            Assert.Equal(10_000, train.Length + test.Length);
            Assert.Empty(train.Intersect(test));
            Assert.InRange(test.Length, 1800, 2200);
        }

        [Fact]
        public void TheSameSeedGivesTheSameSplit()
        {
            var a = Read.Column<float>(_ml.Data.TrainTestSplit(Numbered(500), seed: 3).TestSet, "A");
            var b = Read.Column<float>(_ml.Data.TrainTestSplit(Numbered(500), seed: 3).TestSet, "A");
            var c = Read.Column<float>(_ml.Data.TrainTestSplit(Numbered(500), seed: 4).TestSet, "A");
            Assert.Equal(a, b);
            Assert.NotEqual(a, c);
        }

        [Fact]
        public void RowsSharingASamplingKeyStayTogether()
        {
            var split = _ml.Data.TrainTestSplit(Numbered(1000, groups: 20), testFraction: 0.3, samplingKeyColumnName: "B", seed: 2);
            var trainGroups = Read.Column<float>(split.TrainSet, "B").Distinct();
            var testGroups = Read.Column<float>(split.TestSet, "B").Distinct();
            Assert.Empty(trainGroups.Intersect(testGroups));
            Assert.NotEmpty(testGroups);
        }
    }
}
