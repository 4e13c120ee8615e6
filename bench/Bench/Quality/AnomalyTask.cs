using System;
using System.Linq;

namespace Generative.ML.Bench.Quality
{
    /// <summary>
    /// One unsupervised anomaly-detection task: rows and which are anomalies. Detectors never see the labels; they fit
    /// on the contaminated training part and score the test part, and the labels only grade them (AUROC).
    /// </summary>
    public sealed record AnomalyTask(string Name, string Group, float[][] Rows, bool[] Anomaly)
    {
        public int Features => Rows[0].Length;

        /// <summary>
        /// A stratified split (trainShare of the normal rows and of the anomalies go to training, the order drawn from
        /// the seed), standardised by the training part's mean and standard deviation. <paramref name="clean"/>: the
        /// training part's anomalies are left out (clean reference data); the test part is the same as without it.
        /// </summary>
        public (float[][] train, bool[] trainLabels, float[][] test, bool[] testLabels) Split(double trainShare, int seed, bool clean = false)
        {
            var random = new Random(seed);
            int[] Shuffled(bool anomalous)
            {
                var rows = Enumerable.Range(0, Rows.Length).Where(i => Anomaly[i] == anomalous).ToArray();
                random.Shuffle(rows);
                return rows;
            }
            var normal = Shuffled(false);
            var anomalies = Shuffled(true);
            int Cut(int n) => (int)Math.Round(n * trainShare);
            var train = normal[..Cut(normal.Length)].Concat(anomalies[..Cut(anomalies.Length)]).ToArray();
            var test = normal[Cut(normal.Length)..].Concat(anomalies[Cut(anomalies.Length)..]).ToArray();
            random.Shuffle(train);
            random.Shuffle(test);
            if (clean) train = train.Where(i => !Anomaly[i]).ToArray();

            var d = Features;
            var mean = new double[d];
            var sd = new double[d];
            for (var j = 0; j < d; j++) {
                mean[j] = train.Average(i => (double)Rows[i][j]);
                var variance = train.Average(i => Math.Pow(Rows[i][j] - mean[j], 2));
                sd[j] = variance > 1e-12 ? Math.Sqrt(variance) : 1;
            }
            float[][] Standardised(int[] rows) => rows.Select(i => Rows[i].Select((v, j) => (float)((v - mean[j]) / sd[j])).ToArray()).ToArray();
            return (Standardised(train), train.Select(i => Anomaly[i]).ToArray(), Standardised(test), test.Select(i => Anomaly[i]).ToArray());
        }
    }

    public static class Auroc
    {
        /// <summary>The area under the ROC curve: the chance that a random anomaly scores above a random normal row (ties count half).</summary>
        public static double Of(float[] scores, bool[] anomaly)
        {
            if (scores.Any(s => !float.IsFinite(s))) return double.NaN;
            var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
            var ranks = new double[scores.Length];
            for (var i = 0; i < order.Length;) {
                var j = i;
                while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]]) j++;
                for (var k = i; k <= j; k++) ranks[order[k]] = (i + j) / 2.0 + 1;
                i = j + 1;
            }
            double positives = anomaly.Count(a => a), negatives = anomaly.Length - positives;
            var rankSum = ranks.Where((_, i) => anomaly[i]).Sum();
            return (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
        }
    }
}
