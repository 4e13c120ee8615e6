using System;
using static TorchSharp.torch;

namespace TorchSharp
{
    namespace Modules
    {
        /// <summary>Batch normalisation with running statistics (batch statistics in training, running ones in eval).</summary>
        public abstract class BatchNorm : nn.Module<Tensor, Tensor>
        {
            readonly long _features;
            readonly double _eps, _momentum;
            readonly bool _track;
            readonly int[] _ranks;

            protected BatchNorm(string name, long num_features, double eps, double momentum, bool affine, bool track_running_stats, int[] ranks)
                : base(name)
            {
                if (num_features <= 0) throw new ArgumentOutOfRangeException(nameof(num_features), num_features, "num_features must be positive.");
                (_features, _eps, _momentum, _track, _ranks) = (num_features, eps, momentum, track_running_stats, ranks);
                if (affine) {
                    using var w = ones(num_features);
                    using var b = zeros(num_features);
                    weight = new Parameter(w);
                    bias = new Parameter(b);
                }
                register_parameter("weight", weight);
                register_parameter("bias", bias);
                if (track_running_stats) {
                    running_mean = zeros(num_features).DetachFromDisposeScope();
                    running_var = ones(num_features).DetachFromDisposeScope();
                    num_batches_tracked = zeros(Array.Empty<long>(), ScalarType.Int64).DetachFromDisposeScope();
                    register_buffer("running_mean", running_mean);
                    register_buffer("running_var", running_var);
                    register_buffer("num_batches_tracked", num_batches_tracked);
                }
            }

            public long num_features => _features;
            public double eps => _eps;
            public double? momentum => _momentum;
            public bool affine => weight is not null;
            public bool track_running_stats => _track;

            public Parameter? weight { get; }
            public Parameter? bias { get; }
            public Tensor? running_mean { get; }
            public Tensor? running_var { get; }
            public Tensor? num_batches_tracked { get; }

            public override Tensor forward(Tensor input)
            {
                var shape = input.shape;
                if (Array.IndexOf(_ranks, shape.Length) < 0)
                    throw new ArgumentException($"{GetName()} expects input of rank {string.Join(" or ", _ranks)}; got shape [{string.Join(", ", shape)}].");
                if (shape[1] != _features)
                    throw new ArgumentException($"{GetName()} expects {_features} features in dimension 1; got {shape[1]}.");
                var useBatchStats = training || !_track;
                if (training && _track) {
                    using var _ = no_grad();
                    num_batches_tracked!.add_(1);
                }
                return nn.functional.batch_norm(input, running_mean, running_var, weight, bias, useBatchStats, _momentum, _eps);
            }
        }

        public sealed class BatchNorm1d : BatchNorm
        {
            internal BatchNorm1d(long n, double eps, double momentum, bool affine, bool track)
                : base(nameof(BatchNorm1d), n, eps, momentum, affine, track, new[] { 2, 3 }) { }
        }

        public sealed class BatchNorm2d : BatchNorm
        {
            internal BatchNorm2d(long n, double eps, double momentum, bool affine, bool track)
                : base(nameof(BatchNorm2d), n, eps, momentum, affine, track, new[] { 4 }) { }
        }
    }

    public static partial class torch
    {
        public static partial class nn
        {
            public static Modules.BatchNorm1d BatchNorm1d(long num_features, double eps = 1e-05, double momentum = 0.1, bool affine = true,
                                                          bool track_running_stats = true, Device? device = null, ScalarType? dtype = null)
            {
                RequireCpu(device);
                return new Modules.BatchNorm1d(num_features, eps, momentum, affine, track_running_stats);
            }

            public static Modules.BatchNorm2d BatchNorm2d(long num_features, double eps = 1e-05, double momentum = 0.1, bool affine = true,
                                                          bool track_running_stats = true, Device? device = null, ScalarType? dtype = null)
            {
                RequireCpu(device);
                return new Modules.BatchNorm2d(num_features, eps, momentum, affine, track_running_stats);
            }
        }
    }
}
