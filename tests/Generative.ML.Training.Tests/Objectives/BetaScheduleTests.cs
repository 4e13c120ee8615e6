using System;

namespace Generative.ML.Training.Tests.Objectives
{
    public class BetaScheduleTests
    {
        [Fact]
        public void SchedulesFollowTheirDefinitions()
        {
            Assert.Equal(4, BetaSchedule.Constant(4).At(17.5));
            var warm = BetaSchedule.LinearWarmup(2, warmupEpochs: 10);
            Assert.Equal(new[] { 0.0, 0.5, 2.0, 2.0 }, new[] { warm.At(0), warm.At(2.5), warm.At(10), warm.At(50) });
            var cyc = BetaSchedule.Cyclical(1, cycleEpochs: 4, rampFraction: 0.5);
            Assert.Equal(new[] { 0.0, 0.5, 1.0, 1.0, 0.0, 0.5 }, new[] { cyc.At(0), cyc.At(1), cyc.At(2), cyc.At(3.9), cyc.At(4), cyc.At(5) });
            Assert.Equal(1, cyc.At(double.PositiveInfinity));
        }

        [Fact]
        public void BadSettingsAreNamed()
        {
            Assert.Equal("beta", Assert.Throws<ArgumentOutOfRangeException>(() => BetaSchedule.Constant(-1)).ParamName);
            Assert.Equal("warmupEpochs", Assert.Throws<ArgumentOutOfRangeException>(() => BetaSchedule.LinearWarmup(1, 0)).ParamName);
            Assert.Equal("rampFraction", Assert.Throws<ArgumentOutOfRangeException>(() => BetaSchedule.Cyclical(1, 4, 1.5)).ParamName);
        }
    }
}
