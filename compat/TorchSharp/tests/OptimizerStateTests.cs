using System;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.Tests.TestUtil;

namespace TorchSharp.Tests
{
    /// <summary>Learning-rate control through ParamGroups, and optimizer state saved and restored.</summary>
    public class OptimizerStateTests
    {
        // A quadratic whose gradient changes every step, so the moment buffers matter.
        static void Step(optim.Optimizer opt, Parameter p)
        {
            opt.zero_grad();
            using var loss = (p * p * p).sum();
            loss.backward();
            opt.step();
        }

        static OptimizerHelper Make(string kind, Parameter p) => kind switch {
            "adam" => optim.Adam(new[] { p }, lr: 0.05),
            "adamw" => optim.AdamW(new[] { p }, lr: 0.05, weight_decay: 0.1, amsgrad: true),
            _ => optim.SGD(new[] { p }, 0.05, momentum: 0.9),
        };

        [Theory]
        [InlineData("adam")]
        [InlineData("adamw")]
        [InlineData("sgd")]
        public void ResumingFromSavedStateMatchesAnUninterruptedRun(string kind)
        {
            var start = new[] { 0.5f, -1.0f, 2.0f };
            using var straightInit = tensor(start);
            using var straight = new Parameter(straightInit);
            using var straightOpt = Make(kind, straight);
            for (var i = 0; i < 6; i++) Step(straightOpt, straight);

            var path = Path.GetTempFileName();
            try {
                float[] halfway;
                using (var firstInit = tensor(start))
                using (var first = new Parameter(firstInit))
                using (var firstOpt = Make(kind, first)) {
                    for (var i = 0; i < 3; i++) Step(firstOpt, first);
                    firstOpt.save_state_dict(path);
                    halfway = F(first);
                }
                using var resumedInit = tensor(halfway);
                using var resumed = new Parameter(resumedInit);
                using var resumedOpt = Make(kind, resumed);
                resumedOpt.load_state_dict(path);
                for (var i = 0; i < 3; i++) Step(resumedOpt, resumed);
                Assert.Equal(F(straight), F(resumed));
            } finally {
                File.Delete(path);
            }
        }

        [Fact]
        public void LoadingAnotherOptimizersStateIsRefusedAndChangesNothing()
        {
            using var init = tensor(new[] { 1f, 2f });
            using var p = new Parameter(init);
            using var adam = optim.Adam(new[] { p }, lr: 0.1);
            using var sgd = optim.SGD(new[] { p }, 0.1, momentum: 0.5);
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) sgd.save_state_dict(w);
            stream.Position = 0;
            using var r = new BinaryReader(stream);
            var e = Assert.Throws<InvalidDataException>(() => adam.load_state_dict(r));
            Assert.Contains("SGD", e.Message);
            Assert.Equal(0.1, adam.ParamGroups.Single().LearningRate);
        }

        [Fact]
        public void LearningRateSetThroughParamGroupsDrivesTheNextStep()
        {
            using var init = tensor(new[] { 1.0 });
            using var p = new Parameter(init);
            using var opt = optim.SGD(new[] { p }, 0.1);
            var group = opt.ParamGroups.Single();
            Assert.Equal(0.1, group.InitialLearningRate);
            group.LearningRate = 0.01;
            Step(opt, p);                       // gradient of p^3 at 1 is 3
            Close(new[] { 1 - 0.01 * 3 }, D(p), 1e-12);
            Assert.Equal(0.1, group.InitialLearningRate);
            Assert.Throws<ArgumentOutOfRangeException>(() => group.LearningRate = double.NaN);
        }
    }
}
