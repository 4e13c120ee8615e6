using System;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace TorchSharp.Tests
{
    public class ScopeAndErrorTests
    {
        [Fact]
        public void DisposeScopeReleasesWhatItOwnsAndKeepsWhatMovesOut()
        {
            var before = Tensor.TotalCount;
            Tensor kept;
            Tensor inner;
            using (var scope = NewDisposeScope()) {
                using var a = ones(3);
                inner = a * 2 + 1;
                kept = (inner * 3).MoveToOuterDisposeScope();
                Assert.True(scope.DisposablesCount >= 2);
            }
            Assert.True(inner.IsInvalid);
            Assert.False(kept.IsInvalid);
            using (var values = kept.data<float>()) Assert.Equal(new float[] { 9, 9, 9 }, values.ToArray());
            kept.Dispose();
            Assert.Equal(before, Tensor.TotalCount);
        }

        [Fact]
        public void NestedScopesMoveOneLevelOut()
        {
            Tensor t;
            using (var outer = NewDisposeScope()) {
                using (var inner = NewDisposeScope()) {
                    t = ones(2).MoveToOuterDisposeScope();
                }
                Assert.False(t.IsInvalid);
            }
            Assert.True(t.IsInvalid);
        }

        [Fact]
        public void NoGradStopsRecordingAndRestores()
        {
            using var w = ones(2).requires_grad_();
            using (no_grad()) {
                Assert.False(is_grad_enabled());
                using var y = w * 2;
                Assert.False(y.requires_grad);
            }
            Assert.True(is_grad_enabled());
            using var z = w * 2;
            Assert.True(z.requires_grad);
        }

        [Fact]
        public void LibtorchErrorsArriveAsExceptionsWithItsMessage()
        {
            using var a = ones(2, 3);
            using var b = ones(2, 3);
            var e = Assert.Throws<ExternalException>(() => a.matmul(b));
            Assert.Contains("mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)", e.Message);
            // The process and the tensors survive the error.
            using var ok = a.matmul(b.t());
            Assert.Equal(new long[] { 2, 2 }, ok.shape);
        }

        [Fact]
        public void BackwardOnANonScalarNamesTheProblem()
        {
            using var w = ones(3).requires_grad_();
            using var y = w * 2;
            var e = Assert.Throws<ExternalException>(() => y.backward());
            Assert.Contains("grad can be implicitly created only for scalar outputs", e.Message);
        }

        [Fact]
        public void UsingADisposedTensorIsATypedError()
        {
            var t = ones(2);
            t.Dispose();
            Assert.Throws<ObjectDisposedException>(() => t.sum());
            t.Dispose(); // twice is harmless
        }

        [Fact]
        public void ArrayShapeMismatchIsRejected()
        {
            var e = Assert.Throws<ArgumentException>(() => tensor(new float[] { 1, 2, 3 }, new long[] { 2, 2 }));
            Assert.Equal("dimensions", e.ParamName);
        }

        [Fact]
        public void ReadingDataCreatesNoTensorForContiguousInputAndOwnsItsCopyOtherwise()
        {
            using var t = arange(0, 6, 1, ScalarType.Float32).reshape(2, 3);
            var before = Tensor.TotalCount;
            Assert.Equal(new float[] { 0, 1, 2, 3, 4, 5 }, t.data<float>().ToArray());
            Assert.Equal(before, Tensor.TotalCount);

            using var tr = t.t();
            using (var acc = tr.data<float>()) {
                Assert.Equal(new float[] { 0, 3, 1, 4, 2, 5 }, acc.ToArray());
                Assert.Throws<InvalidOperationException>(() => acc[0] = 1);
            }
            Assert.Equal(before + 1, Tensor.TotalCount); // only tr itself
        }

        [Fact]
        public void WrongElementTypeIsRejected()
        {
            using var t = ones(2);
            Assert.Throws<ArgumentException>(() => t.data<double>());
        }

        [Fact]
        public void CudaIsRefusedWithTheReason()
        {
            Assert.False(cuda.is_available());
            var e = Assert.Throws<NotSupportedException>(() => zeros(2, device: new Device("cuda:0")));
            Assert.Contains("CPU only", e.Message);
        }
    }
}
