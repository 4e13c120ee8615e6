using System;
using System.Linq;
using Microsoft.ML.Data;

namespace Microsoft.ML.Tests.DataView
{
    public class VBufferTests
    {
        // [0, 5, 0, 0, 7, 0] held sparse.
        private static VBuffer<float> Sparse() => new VBuffer<float>(6, 2, new float[] { 5, 7 }, new[] { 1, 4 });

        [Fact]
        public void DenseBufferExposesAllValuesAndNoIndices()
        {
            var dense = new VBuffer<float>(3, new float[] { 1, 2, 3, 99 });
            Assert.True(dense.IsDense);
            Assert.Equal(new float[] { 1, 2, 3 }, dense.GetValues().ToArray());
            Assert.True(dense.GetIndices().IsEmpty);
            Assert.Equal(3f, dense.GetItemOrDefault(2));
        }

        [Fact]
        public void SparseBufferReadsImplicitSlotsAsDefault()
        {
            var sparse = Sparse();
            Assert.False(sparse.IsDense);
            Assert.Equal(new[] { 1, 4 }, sparse.GetIndices().ToArray());
            Assert.Equal(new float[] { 0, 5, 0, 0, 7, 0 }, sparse.DenseValues().ToArray());
            Assert.Equal(0f, sparse.GetItemOrDefault(3));
            Assert.Equal(7f, sparse.GetItemOrDefault(4));
            Assert.Equal(new[] { (1, 5f), (4, 7f) }, sparse.Items().Select(p => (p.Key, p.Value)).ToArray());
            Assert.Equal(6, sparse.Items(all: true).Count());
        }

        [Fact]
        public void CopyToSpanDensifiesWithTheGivenDefault()
        {
            var target = new float[8];
            Sparse().CopyTo(target, 1, float.NaN);
            Assert.Equal(0f, target[0]);
            Assert.True(float.IsNaN(target[1]));
            Assert.Equal(5f, target[2]);
            Assert.Equal(7f, target[5]);
            Assert.Throws<ArgumentOutOfRangeException>(() => Sparse().CopyTo(new float[5]));
        }

        [Fact]
        public void CopyingARangeOfASparseBufferShiftsItsIndices()
        {
            VBuffer<float> slice = default;
            Sparse().CopyTo(ref slice, 2, 4); // slots 2..5: [0, 0, 7, 0]
            Assert.Equal(4, slice.Length);
            Assert.Equal(new float[] { 0, 0, 7, 0 }, slice.DenseValues().ToArray());
            Assert.False(slice.IsDense);
        }

        [Fact]
        public void CopyKeepsDensityAndCopyToDenseForcesIt()
        {
            VBuffer<float> copy = default, dense = default;
            Sparse().CopyTo(ref copy);
            Sparse().CopyToDense(ref dense);
            Assert.False(copy.IsDense);
            Assert.Equal(Sparse().DenseValues(), copy.DenseValues());
            Assert.True(dense.IsDense);
            Assert.Equal(new float[] { 0, 5, 0, 0, 7, 0 }, dense.GetValues().ToArray());
        }

        [Fact]
        public void EditorReusesArraysThatAreLargeEnough()
        {
            var buffer = new VBuffer<float>(4, new float[10]);
            var editor = VBufferEditor.Create(ref buffer, 6);
            Assert.False(editor.CreatedNewValues);
            editor.Values.Fill(1);
            buffer = editor.Commit();
            Assert.Equal(6, buffer.Length);
            Assert.Same(buffer.GetBuffer(), buffer.GetBuffer());
            var grow = VBufferEditor.Create(ref buffer, 20);
            Assert.True(grow.CreatedNewValues);
        }

        [Fact]
        public void SparseEditorNeedsIndicesAndCanBeTruncated()
        {
            VBuffer<int> buffer = default;
            var editor = VBufferEditor.Create(ref buffer, 100, 3);
            Assert.Equal(3, editor.Indices.Length);
            editor.Values[0] = 9;
            editor.Indices[0] = 42;
            var result = editor.CommitTruncated(1);
            Assert.Equal(9, result.GetItemOrDefault(42));
            Assert.Equal(1, result.GetValues().Length);
            bool refused = false;
            var again = VBufferEditor.Create(ref buffer, 100, 3);
            try { again.CommitTruncated(4); }
            catch (ArgumentOutOfRangeException) { refused = true; }
            Assert.True(refused);
        }

        [Fact]
        public void ConstructorsRejectInconsistentArguments()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, new float[2]));
            Assert.Throws<ArgumentOutOfRangeException>(() => new VBuffer<float>(3, 4, new float[4], null!));
            Assert.Throws<ArgumentOutOfRangeException>(() => new VBuffer<float>(5, 2, new float[2], new int[1]));
        }
    }
}
