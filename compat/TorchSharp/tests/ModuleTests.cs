using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.Tests.TestUtil;

namespace TorchSharp.Tests
{
    public class ModuleTests
    {
        sealed class TwoLayer : nn.Module<Tensor, Tensor>
        {
            readonly Linear fc1;
            readonly Sequential body;
            readonly Parameter scale;
            readonly Tensor offset;

            public TwoLayer() : base(nameof(TwoLayer))
            {
                fc1 = nn.Linear(4, 3);
                body = nn.Sequential(nn.ReLU(), nn.Linear(3, 2), nn.BatchNorm1d(2));
                using (var one = ones(1)) scale = new Parameter(one);
                offset = zeros(2);
                RegisterComponents();
            }

            public override Tensor forward(Tensor x)
            {
                using var h = fc1.call(x);
                using var y = body.call(h);
                using var s = y * scale;
                return s + offset;
            }
        }

        [Fact]
        public void RegisterComponentsNamesEverythingByField()
        {
            using var m = new TwoLayer();
            var names = m.named_parameters().Select(p => p.name).ToArray();
            // As in PyTorch: a module's own parameters first, then each child's, in registration order.
            Assert.Equal(new[] { "scale", "fc1.weight", "fc1.bias", "body.1.weight", "body.1.bias", "body.2.weight", "body.2.bias" }, names);
            Assert.Equal(4 * 3 + 3 + 3 * 2 + 2 + 2 + 2 + 1, m.parameters().Sum(p => p.numel()));
            var buffers = m.named_buffers().Select(b => b.name).ToArray();
            Assert.Equal(new[] { "offset", "body.2.running_mean", "body.2.running_var", "body.2.num_batches_tracked" }, buffers);
            Assert.All(m.parameters(), p => Assert.True(p.requires_grad));
        }

        [Fact]
        public void StateDictHoldsParametersAndBuffers()
        {
            using var m = new TwoLayer();
            var sd = m.state_dict();
            Assert.Equal(11, sd.Count);
            Assert.Equal(new long[] { 3, 4 }, sd["fc1.weight"].shape);
            Assert.Contains("body.2.running_var", sd.Keys);
        }

        [Fact]
        public void SaveAndLoadRoundTripGivesIdenticalOutputs()
        {
            manual_seed(3);
            using var a = new TwoLayer();
            using var b = new TwoLayer();
            a.eval();
            b.eval();
            using var x = randn(5, 4);
            using var ya = a.call(x);
            using var yb0 = b.call(x);
            Assert.False(ya.allclose(yb0));

            var path = Path.Combine(Path.GetTempPath(), $"gml-{Guid.NewGuid():N}.bin");
            try {
                a.save(path);
                b.load(path);
                using var yb = b.call(x);
                Assert.Equal(F(ya), F(yb));
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void LoadStateDictIsStrictAboutKeysAndShapes()
        {
            using var m = new TwoLayer();
            var sd = m.state_dict().Where(kv => kv.Key != "scale").ToDictionary(kv => kv.Key, kv => kv.Value);
            var e = Assert.Throws<InvalidOperationException>(() => m.load_state_dict(sd));
            Assert.Contains("scale", e.Message);
            var (missing, _) = m.load_state_dict(sd, strict: false);
            Assert.Equal(new[] { "scale" }, missing);

            using var wrong = zeros(7);
            var bad = m.state_dict();
            bad["scale"] = wrong;
            Assert.Throws<InvalidOperationException>(() => m.load_state_dict(bad));
        }

        [Fact]
        public void LoadingGarbageIsATypedError()
        {
            using var m = new TwoLayer();
            var path = Path.Combine(Path.GetTempPath(), $"gml-{Guid.NewGuid():N}.bin");
            try {
                File.WriteAllText(path, "not a module");
                Assert.Throws<InvalidDataException>(() => m.load(path));
                Assert.Throws<FileNotFoundException>(() => m.load(path + ".missing"));
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void TrainAndEvalReachEverySubmodule()
        {
            using var m = new TwoLayer();
            m.eval();
            Assert.All(m.modules(), sub => Assert.False(sub.training));
            m.train();
            Assert.All(m.modules(), sub => Assert.True(sub.training));
        }

        [Fact]
        public void DropoutIsIdentityInEvalAndScalesInTraining()
        {
            using var d = nn.Dropout(0.5);
            using var x = ones(10_000);
            d.eval();
            using var ye = d.call(x);
            Assert.Equal(F(x), F(ye));
            d.train();
            using var yt = d.call(x);
            var values = F(yt);
            Assert.All(values, v => Assert.True(v == 0f || v == 2f));
            Assert.InRange(values.Count(v => v == 0f) / 10_000.0, 0.45, 0.55);
        }

        [Fact]
        public void BatchNormUpdatesRunningStatisticsOnlyInTraining()
        {
            using var bn = nn.BatchNorm1d(2, momentum: 0.5);
            using var x = tensor(new float[] { 1, 10, 3, 20 }, new long[] { 2, 2 });
            using (var y = bn.call(x)) { }
            Close(new float[] { 1.0f, 7.5f }, F(bn.running_mean!), 1e-6);   // 0.5 * 0 + 0.5 * mean
            Close(new float[] { 1.5f, 25.5f }, F(bn.running_var!), 1e-6);  // 0.5 * 1 + 0.5 * unbiased var
            bn.eval();
            using (var y = bn.call(x)) { }
            Close(new float[] { 1.0f, 7.5f }, F(bn.running_mean!), 1e-6);
            Assert.Equal(1L, bn.num_batches_tracked!.item<long>());
        }

        [Fact]
        public void ConvLayersProduceDocumentedShapes()
        {
            using var conv = nn.Conv2d(1, 4, 3, stride: 2, padding: 1);
            using var deconv = nn.ConvTranspose2d(4, 1, 3, stride: 2, padding: 1, output_padding: 1);
            using var x = randn(new long[] { 2, 1, 28, 28 });
            using var h = conv.call(x);
            Assert.Equal(new long[] { 2, 4, 14, 14 }, h.shape);
            using var y = deconv.call(h);
            Assert.Equal(new long[] { 2, 1, 28, 28 }, y.shape);
            var e = Assert.Throws<ArgumentException>(() => conv.call(randn(new long[] { 2, 3, 8, 8 })));
            Assert.Contains("1 input channels", e.Message);
        }

        [Fact]
        public void TransposedConvolutionTakesPerAxisOutputPadding()
        {
            // 7x6 -> 13x12 needs output padding 0 on the height and 1 on the width: (in-1)*2 - 2 + 3 + op.
            using var deconv = nn.ConvTranspose2d(2, 3, (3, 3), stride: (2, 2), padding: (1, 1), output_padding: (0, 1));
            using var x = randn(new long[] { 1, 2, 7, 6 });
            using var y = deconv.call(x);
            Assert.Equal(new long[] { 1, 3, 13, 12 }, y.shape);
            Assert.Throws<ArgumentOutOfRangeException>(() => nn.ConvTranspose2d(2, 3, (3, 3), stride: (2, 2), output_padding: (0, 2)));
        }

        [Fact]
        public void LinearInitialisationIsBoundedByFanIn()
        {
            using var lin = nn.Linear(100, 50);
            var bound = 1.0 / Math.Sqrt(100);
            Assert.All(F(lin.weight), w => Assert.InRange(w, -bound, bound));
            Assert.True(F(lin.weight).Max() > bound * 0.9);
            Assert.Throws<ArgumentOutOfRangeException>(() => nn.Linear(0, 3));
        }

        [Fact]
        public void ModuleDisposalReleasesItsTensors()
        {
            var before = Tensor.TotalCount;
            var m = new TwoLayer();
            Assert.True(Tensor.TotalCount > before);
            m.Dispose();
            Assert.Equal(before, Tensor.TotalCount);
        }
    }
}
