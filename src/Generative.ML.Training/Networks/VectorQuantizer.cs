using System;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// Snaps a vector to the nearest of K codebook vectors, in one stage or several (residual VQ): stage s quantises
    /// what the stages before it left, r_s = z_e - (q_1 + ... + q_{s-1}), and the quantised vector is q_1 + ... + q_S.
    /// Nearest is argmax_k (r . e_k - ||e_k||^2 / 2), which is argmin_k ||r - e_k||^2 without the term all k share.
    /// Codebooks start as rows of the first training batch; a code whose share of rows falls below a tenth of
    /// 1/K (a running mean over about a hundred steps) is restarted at a row of the current batch, so the codebook's
    /// use does not collapse onto a few codes.
    /// </summary>
    internal sealed class VectorQuantizer : nn.Module
    {
        const double UsageDecay = 0.99, DeadShare = 0.1;

        readonly Parameter codebooks; // [S, K, D]
        readonly Tensor usage;        // [S, K]: each code's running share of the rows
        readonly Tensor started;      // [S]: 1 once the stage's codebook was set from data

        internal VectorQuantizer(long stages, long codebookSize, long codeSize) : base(nameof(VectorQuantizer))
        {
            if (stages <= 0) throw new ArgumentOutOfRangeException(nameof(stages), stages, "The number of quantiser stages must be positive.");
            if (codebookSize < 2) throw new ArgumentOutOfRangeException(nameof(codebookSize), codebookSize, "A codebook needs at least 2 vectors.");
            Stages = stages;
            CodebookSize = codebookSize;
            CodeSize = codeSize;
            using (var init = zeros(stages, codebookSize, codeSize)) codebooks = new Parameter(init);
            usage = zeros(stages, codebookSize);
            started = zeros(stages);
            RegisterComponents();
        }

        /// <summary>Quantiser stages.</summary>
        public long Stages { get; }
        /// <summary>Codes per codebook.</summary>
        public long CodebookSize { get; }
        /// <summary>Size of each code.</summary>
        public long CodeSize { get; }

        /// <summary>The codebook of one stage, [K, D] (a view).</summary>
        public Tensor Codebook(long stage) => codebooks[stage];

        /// <summary>Back to the state before training: codebooks are set again from the first batch.</summary>
        internal void Reset()
        {
            using var _ = no_grad();
            RandomDraws.Uniform(codebooks, -1.0 / CodebookSize, 1.0 / CodebookSize);
            usage.fill_(1.0 / CodebookSize);
            started.zero_();
        }

        /// <summary>
        /// q = q_1 + ... + q_k over the first <paramref name="stages"/> stages (all when null); the code indices [N, k];
        /// and the codebook loss per row, sum_s mean_d (q_s - sg(r_s))^2, whose gradient moves each code towards the
        /// rows it took. In training, dead codes are restarted first.
        /// </summary>
        public (Tensor quantized, Tensor indices, Tensor codebookLoss) Quantize(Tensor ze, long? stages = null)
        {
            var k = stages ?? Stages;
            if (k <= 0 || k > Stages) throw new ArgumentOutOfRangeException(nameof(stages), k, $"The quantiser has {Stages} stages.");
            using var scope = NewDisposeScope();
            var quantized = zeros_like(ze);
            var loss = zeros(ze.shape[0]);
            var indices = new Tensor[k];
            var residual = ze.detach();
            for (var s = 0; s < k; s++) {
                if (training && is_grad_enabled()) Maintain(s, residual);
                var codebook = codebooks[s];
                indices[s] = Nearest(residual, codebook);
                var q = codebook.index_select(0, indices[s]);
                loss = loss + (q - residual).square().mean(new long[] { 1 });
                quantized = quantized + q;
                residual = residual - q.detach();
                if (training && is_grad_enabled()) CountUse(s, indices[s]);
            }
            return (quantized.MoveToOuterDisposeScope(), stack(indices, 1).MoveToOuterDisposeScope(), loss.MoveToOuterDisposeScope());
        }

        static Tensor Nearest(Tensor r, Tensor codebook)
        {
            using var scope = NewDisposeScope();
            var similarity = r.matmul(codebook.t()) - 0.5 * codebook.square().sum(new long[] { 1 });
            return similarity.argmax(1).MoveToOuterDisposeScope();
        }

        /// <summary>Sets a stage's codebook from the first batch it sees, and restarts its dead codes at rows of this batch.</summary>
        void Maintain(int stage, Tensor residual)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var rows = residual.shape[0];
            var codebook = codebooks[stage];
            Tensor dead;
            if (started[stage].item<float>() == 0) {
                dead = arange(CodebookSize);
                started[stage].fill_(1);
            } else {
                dead = (usage[stage] < DeadShare / CodebookSize).nonzero().squeeze(1);
                if (dead.shape[0] == 0) return;
            }
            var picks = RandomDraws.Integers(rows, new[] { dead.shape[0] });
            // A little noise, so that codes restarted at the same row part as soon as they take rows.
            var spread = residual.std(unbiased: false).clamp_min(1e-6) * 0.01; // biased: a single value has spread 0, not NaN
            codebook.index_copy_(0, dead, residual.index_select(0, picks) + spread * RandomDraws.Normal(new[] { dead.shape[0], CodeSize }));
            usage[stage].index_fill_(0, dead, 1.0 / CodebookSize);
        }

        void CountUse(int stage, Tensor indices)
        {
            using var _ = no_grad();
            using var scope = NewDisposeScope();
            var share = nn.functional.one_hot(indices, CodebookSize).to(ScalarType.Float32).mean(new long[] { 0 });
            usage[stage].mul_(UsageDecay).add_(share, alpha: 1 - UsageDecay);
        }

        /// <summary>The quantised vector and the code indices (as floats, [batch, stages]) as ONNX nodes: ordinary operators only.</summary>
        internal (string quantized, string indices) Emit(OnnxGraphBuilder g, string ze, string scope)
        {
            string? quantized = null;
            var residual = ze;
            var indices = new string[Stages];
            for (var s = 0; s < Stages; s++) {
                var at = $"{scope}/stage{s}";
                using var codebook = codebooks[s].detach().clone();
                using var transposed = codebook.t().contiguous();
                using var halfNorms = 0.5 * codebook.square().sum(new long[] { 1 });
                var similarity = g.Node("Sub", at, g.Node("MatMul", at, residual, g.Weight($"{at}/codebook_t", transposed)), g.Weight($"{at}/half_norms", halfNorms));
                var index = g.Node("ArgMax", at, new[] { similarity }, OnnxGraphBuilder.Int("axis", 1), OnnxGraphBuilder.Int("keepdims", 0));
                var q = g.Node("Gather", at, new[] { g.Weight($"{at}/codebook", codebook), index }, OnnxGraphBuilder.Int("axis", 0));
                quantized = quantized is null ? q : g.Node("Add", at, quantized, q);
                residual = g.Node("Sub", at, residual, q);
                var column = g.Node("Unsqueeze", at, index, g.Int64s($"{at}/axis1", new[] { 1L }));
                indices[s] = g.Node("Cast", at, new[] { column }, OnnxGraphBuilder.Int("to", (int)global::Onnx.TensorProto.Types.DataType.Float));
            }
            var all = Stages == 1 ? indices[0] : g.Node("Concat", $"{scope}/indices", indices, OnnxGraphBuilder.Int("axis", 1));
            return (quantized!, all);
        }
    }
}
