using System;
using System.Linq;
using Generative.ML.Graphs;
using Generative.ML.Training.Export;
using Generative.ML.Training.Models;
using Generative.ML.Training.Onnx;
using Generative.ML.Training.Tests.Export;
using Microsoft.ML.OnnxRuntime;
using static TorchSharp.torch;

namespace Generative.ML.Training.Tests.Models
{
    public class TabularVaeTests
    {
        // Two columns: a number that can be blank (value slot 0, indicator slot 1) and a category of three (slots 2-4).
        static readonly TableHead[] Heads = {
            new(TableHeadKind.Gaussian, 0, 1, 0, MaskedBy: 1), new(TableHeadKind.Missing, 1, 1, 0), new(TableHeadKind.Categorical, 2, 3, 1),
        };

        static float[] Rows() => new float[] {
            0.3f, 0, 1, 0, 0,   // a number, category 0
            0, 1, 0, 0, 1,      // blank, category 2
            -1.2f, 0, 0, 1, 0,  // a number, category 1
            2.0f, 0, 0, 0, 0,   // a category never seen: all zero
        };

        [Fact]
        public void Column_likelihoods_follow_their_closed_forms()
        {
            using var scope = NewDisposeScope();
            using var model = new TabularVariationalAutoencoder(Heads, 2, latentSize: 2, unseenCategoryProbability: 0.01);
            model.InitializeWeights(3);
            model.eval();
            var x = tensor(Rows(), new long[] { 4, 5 });
            var (mu, _) = model.EncodeDistribution(x);
            var output = OnnxRun.Values(model.DecodeParameters(mu));
            var nll = OnnxRun.Values(model.ColumnNegativeLogLikelihoods(x));
            var logvar = OnnxRun.Values(model.ObservationLogVariance()!)[0];
            var rows = Rows();
            for (var r = 0; r < 4; r++) {
                var o = output.Skip(r * 5).Take(5).Select(v => (double)v).ToArray();
                var xr = rows.Skip(r * 5).Take(5).ToArray();
                // Column 0: the Gaussian term unless blank, plus the Bernoulli term of the indicator.
                var gaussian = xr[1] == 1 ? 0 : 0.5 * ((xr[0] - o[0]) * (xr[0] - o[0]) * Math.Exp(-logvar) + logvar + Math.Log(2 * Math.PI));
                var bernoulli = -(xr[1] * o[1] - Math.Log(1 + Math.Exp(o[1])));
                Assert.Equal(gaussian + bernoulli, nll[r * 2], 4);
                // Column 1: -log softmax of the seen category, or -log 0.01 for the unseen one.
                var logSum = Math.Log(o.Skip(2).Sum(Math.Exp));
                var seen = Array.FindIndex(xr.Skip(2).ToArray(), v => v == 1);
                Assert.Equal(seen < 0 ? -Math.Log(0.01) : logSum - o[2 + seen], nll[r * 2 + 1], 4);
            }
        }

        [Fact]
        public void Exported_scorer_and_sampler_agree_with_torch()
        {
            using var scope = NewDisposeScope();
            using var model = new TabularVariationalAutoencoder(Heads, 2, latentSize: 2, conditionSize: 2, unseenCategoryProbability: 0.01);
            model.InitializeWeights(5);
            model.eval();
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElbo, SamplerNoiseWidth = 2 });
            var cond = new float[] { 1, 0, 0, 1, 1, 0, 0, 1 };
            var x = tensor(Rows(), new long[] { 4, 5 });
            var c = tensor(cond, new long[] { 4, 2 });
            using (var scorer = new InferenceSession(exported.Scorer)) {
                var onnx = OnnxRun.Floats(scorer, (GraphContract.Input, Rows(), 5), (GraphContract.Condition, cond, 2));
                var torchNll = OnnxRun.Values(model.ColumnNegativeLogLikelihoods(x, c));
                Assert.True(OnnxRun.RelativeError(onnx[GraphContract.Contributions], torchNll) < 1e-5);
                Assert.True(OnnxRun.RelativeError(onnx[GraphContract.Score], OnnxRun.Values(model.NegativeElbo(x, c))) < 1e-5);
            }
            var noise = new float[] { 0.1f, -0.4f, 1.3f, 0.2f, -2f, 0.5f, 0, 0 };
            using (var sampler = new InferenceSession(exported.Sampler!)) {
                var onnx = OnnxRun.Floats(sampler, (GraphContract.Noise, noise, 2), (GraphContract.Condition, cond, 2));
                var means = OnnxRun.Values(model.Decode(tensor(noise, new long[] { 4, 2 }), c));
                Assert.True(OnnxRun.RelativeError(onnx[GraphContract.Reconstruction], means) < 1e-5);
                // The means are a probability per category group and per indicator.
                for (var r = 0; r < 4; r++) {
                    Assert.InRange(means[r * 5 + 1], 0, 1);
                    Assert.Equal(1, means.Skip(r * 5 + 2).Take(3).Sum(), 4);
                }
            }
        }

        [Fact]
        public void A_masked_mode_head_counts_nothing_where_the_value_is_blank()
        {
            using var scope = NewDisposeScope();
            // A number encoded mode by mode: its offset (slot 0), blank indicator (slot 1) and two modes (slots 2-3).
            var heads = new[] { new TableHead(TableHeadKind.Gaussian, 0, 1, 0, MaskedBy: 1), new TableHead(TableHeadKind.Missing, 1, 1, 0),
                                new TableHead(TableHeadKind.Categorical, 2, 2, 0, MaskedBy: 1) };
            using var model = new TabularVariationalAutoencoder(heads, 1, latentSize: 2, unseenCategoryProbability: 0.01);
            model.InitializeWeights(7);
            model.eval();
            var rows = new float[] { 0.2f, 0, 0, 1, /* blank: */ 0, 1, 0, 0 };
            var x = tensor(rows, new long[] { 2, 4 });
            var (mu, _) = model.EncodeDistribution(x);
            var o = OnnxRun.Values(model.DecodeParameters(mu)).Select(v => (double)v).ToArray();
            var nll = OnnxRun.Values(model.ColumnNegativeLogLikelihoods(x));
            // The blank row: the Bernoulli term alone (no Gaussian, and no unseen-category floor for its empty mode group).
            Assert.Equal(-(o[5] - Math.Log(1 + Math.Exp(o[5]))), nll[1], 4);
            var exported = OnnxExporter.Export(model, new OnnxExportOptions { Score = AnomalyScoreKind.NegativeElbo });
            using var scorer = new InferenceSession(exported.Scorer);
            var onnx = OnnxRun.Floats(scorer, (GraphContract.Input, rows, 4))[GraphContract.Contributions];
            Assert.True(OnnxRun.RelativeError(onnx, nll) < 1e-5, $"onnx {string.Join(", ", onnx)}; torch {string.Join(", ", nll)}");
        }

        [Fact]
        public void Heads_that_do_not_cover_the_row_in_order_are_refused()
        {
            var gap = new[] { new TableHead(TableHeadKind.Gaussian, 0, 1, 0), new TableHead(TableHeadKind.Gaussian, 2, 1, 0) };
            Assert.Contains("in order", Assert.Throws<ArgumentException>(() => new TabularVariationalAutoencoder(gap, 1, 2)).Message);
            var wide = new[] { new TableHead(TableHeadKind.Gaussian, 0, 2, 0) };
            Assert.Contains("one slot", Assert.Throws<ArgumentException>(() => new TabularVariationalAutoencoder(wide, 1, 2)).Message);
            var column = new[] { new TableHead(TableHeadKind.Categorical, 0, 2, 3) };
            Assert.Contains("column 3", Assert.Throws<ArgumentException>(() => new TabularVariationalAutoencoder(column, 1, 2)).Message);
        }
    }
}
