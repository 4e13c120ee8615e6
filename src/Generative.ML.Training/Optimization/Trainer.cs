using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Data;
using Generative.ML.Training.Platform;
using TorchSharp;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// Trains any model of the family with minibatch Adam/AdamW. Every check (options, data, model fit) runs before
    /// the first step. Each step runs in its own dispose scope, so memory stays flat however long training runs.
    /// The seed decides the initial weights, and randomness (shuffling, sampling noise, dropout) is re-seeded from the
    /// seed and the epoch at each epoch's start, which makes a run, and a run resumed from a checkpoint, repeat bit for
    /// bit on the same thread count, in any process.
    /// </summary>
    internal sealed class Trainer
    {
        readonly TrainerOptions _options;

        /// <summary>A trainer with these options (the defaults where null).</summary>
        public Trainer(TrainerOptions? options = null) => _options = options ?? new TrainerOptions();

        /// <summary>The options this trainer runs with.</summary>
        public TrainerOptions Options => _options;

        /// <summary>
        /// Trains the model: from weights drawn from the seed, or from its current ones with
        /// <see cref="TrainerOptions.KeepModelWeights"/>. Cancelling stops between two steps with <see cref="OperationCanceledException"/>.
        /// </summary>
        public TrainingHistory Fit(TrainableModel model, TrainingData data, IProgress<TrainingProgress>? progress = null,
                                   CancellationToken cancellationToken = default) =>
            Run(model, data, resume: false, progress, cancellationToken);

        /// <summary>Continues the run saved in <see cref="TrainerOptions.CheckpointDirectory"/> (same model shape, data and options).</summary>
        public TrainingHistory Resume(TrainableModel model, TrainingData data, IProgress<TrainingProgress>? progress = null,
                                      CancellationToken cancellationToken = default)
        {
            if (_options.CheckpointDirectory is null)
                throw new ArgumentException("Resuming needs TrainerOptions.CheckpointDirectory.", nameof(TrainerOptions.CheckpointDirectory));
            return Run(model, data, resume: true, progress, cancellationToken);
        }

        TrainingHistory Run(TrainableModel model, TrainingData data, bool resume, IProgress<TrainingProgress>? progress, CancellationToken ct)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (data is null) throw new ArgumentNullException(nameof(data));
            _options.Validate(data.RowCount);
            model.CheckTrainingData(data);
            // Before the first convolution: libtorch's are checked once per process (and oneDNN switched off where wrong).
            var notice = model.modules().Any(m => m is TorchSharp.Modules.Convolution) ? ConvolutionGuard.Ensure().Notice : null;
            using var threads = TorchThreads.Enter(_options.Threads);
            // This fit's own stream for every draw (re-seeded for each use below): nothing is drawn from torch's global one.
            using var generator = new Generator(0, CPU);
            using var draws = RandomDraws.From(generator);
            return Train(model, data, resume, generator, notice is null ? progress : new WithNotice(progress, notice), ct);
        }

        TrainingHistory Train(TrainableModel model, TrainingData data, bool resume, Generator generator, IProgress<TrainingProgress>? progress,
                              CancellationToken ct)
        {
            var (train, validation) = Split(data);
            using var trainSet = new TensorRows(train);
            using var validationSet = validation is null ? null : new TensorRows(validation);
            var fingerprint = Checkpoint.FingerprintOf(model, data.RowCount, _options);
            var earlyStopping = _options.EarlyStoppingPatience is not null;
            WeightSnapshot? best = null;
            try {
                var state = new Checkpoint { Fingerprint = fingerprint };
                if (resume)
                    state = Checkpoint.Load(_options.CheckpointDirectory!, model, fingerprint, () => {
                        if (earlyStopping) best = new WeightSnapshot(model);
                    });
                else if (!_options.KeepModelWeights)
                    model.InitializeWeights(SeedFor(InitialWeightsRun));
                // The flat layout is made after any weights are loaded: loading may replace parameter tensors.
                using var parameters = new FlatParameters(model.OwnParameters());
                using var optimizer = new Adam(parameters, _options.Optimizer, _options.WeightDecay, model.AdamBeta1);
                // Adversarial models: the discriminator's parameters have an optimizer of their own.
                using var adversaryParameters = model.Adversary is null ? null : new FlatParameters(model.Adversary);
                using var adversaryOptimizer = adversaryParameters is null ? null
                    : new Adam(adversaryParameters, _options.Optimizer, _options.WeightDecay, model.AdamBeta1);
                var optimizers = new Optimizers(parameters, optimizer, adversaryParameters, adversaryOptimizer);
                if (resume) Checkpoint.LoadOptimizer(_options.CheckpointDirectory!, optimizer, adversaryOptimizer);
                var history = state.History;

                var batches = (train.RowCount + _options.BatchSize - 1) / _options.BatchSize;
                var epochs = _options.EpochsFor(data.RowCount);
                var totalSteps = (long)epochs * batches;
                var clock = Stopwatch.StartNew();
                long stepsThisRun = 0, rowsThisRun = 0;

                for (var epoch = state.CompletedEpochs; epoch < epochs && !history.StoppedEarly; epoch++) {
                    var lr = _options.LearningRate * _options.LearningRateSchedule.Factor(epoch, epochs);
                    optimizer.LearningRate = lr;
                    if (adversaryOptimizer is not null) adversaryOptimizer.LearningRate = lr;
                    var epochClock = Stopwatch.StartNew();
                    using var epochRows = trainSet.InOrder(Shuffled(train.RowCount, SeedFor(epoch)));
                    generator.manual_seed(SeedFor(epoch));
                    model.train();

                    var sums = new RunningMeans();
                    for (var b = 0; b < batches; b++) {
                        ct.ThrowIfCancellationRequested();
                        if (_options.Stopped?.Invoke() == true)
                            throw new OperationCanceledException("The fit was cancelled (MLContext.CancelExecution()): it stopped before its next batch.");
                        var start = b * _options.BatchSize;
                        var count = Math.Min(_options.BatchSize, train.RowCount - start);
                        var step = new TrainingStep(epoch, epoch + (double)b / batches, _options.TrimFraction, epochs);
                        var (loss, parts) = Step(model, optimizers, epochRows, start, count, step, epoch, b, history);
                        sums.Add(count, loss, parts);
                        stepsThisRun++;
                        rowsThisRun += count;
                        if (progress != null) {
                            var (rate, eta) = Speed(clock, rowsThisRun, stepsThisRun, totalSteps - ((long)epoch * batches + b + 1));
                            progress.Report(new TrainingProgress(epoch + 1, epochs, b + 1, batches, sums.Loss, sums.Parts(), null, lr,
                                                                 rate, eta, EpochCompleted: false));
                        }
                    }

                    double? validationLoss = validationSet is null ? null : Evaluate(model, validationSet, epoch, generator);
                    history.Epochs.Add(new EpochSummary(epoch + 1, sums.Loss, sums.Parts(), validationLoss, lr, epochClock.Elapsed.TotalSeconds));
                    var isBest = validationLoss is double v && (history.BestValidationLoss is null || v < history.BestValidationLoss);
                    if (isBest) {
                        history.BestEpoch = epoch + 1;
                        history.BestValidationLoss = validationLoss;
                        state.EpochsWithoutImprovement = 0;
                        if (earlyStopping) {
                            best?.Dispose();
                            best = new WeightSnapshot(model);
                        }
                    } else if (validationLoss is not null) {
                        state.EpochsWithoutImprovement++;
                    }
                    if (earlyStopping && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience && epoch + 1 < epochs)
                        history.StoppedEarly = true;
                    state.CompletedEpochs = epoch + 1;
                    if (_options.CheckpointDirectory != null) state.Save(_options.CheckpointDirectory, model, optimizer, adversaryOptimizer, isBest && earlyStopping);

                    if (progress != null) {
                        var (rate, eta) = Speed(clock, rowsThisRun, stepsThisRun, totalSteps - (long)(epoch + 1) * batches);
                        progress.Report(new TrainingProgress(epoch + 1, epochs, batches, batches, sums.Loss, sums.Parts(), validationLoss,
                                                             lr, rate, history.StoppedEarly ? TimeSpan.Zero : eta, EpochCompleted: true));
                    }
                }
                best?.RestoreInto(model);
                model.eval();
                return history;
            } finally {
                best?.Dispose();
            }
        }

        /// <summary>The model's parameters and optimizer, and the adversary's (null for non-adversarial models).</summary>
        sealed record Optimizers(FlatParameters Model, Adam ModelOptimizer, FlatParameters? Adversary, Adam? AdversaryOptimizer);

        /// <summary>
        /// One step on rows start .. start + count - 1 of the epoch's order: the adversary's first (adversarial models),
        /// then the model's. Each loss, its parts and its gradient check are read back together, once; a step is taken
        /// only if all are finite. The adversary's parts join the model's in the report.
        /// </summary>
        (double loss, (string, double)[] parts) Step(TrainableModel model, Optimizers optimizers, TensorRows rows,
                                                     int start, int count, TrainingStep step, int epoch, int b, TrainingHistory history)
        {
            using var scope = NewDisposeScope();
            var (x, c) = rows.Slice(start, count);
            var adversaryParts = Array.Empty<(string, double)>();
            if (optimizers.Adversary is not null)
                (_, adversaryParts) = Descend(model.AdversaryLoss(x, c, step), optimizers.Adversary, optimizers.AdversaryOptimizer!, epoch, b, history);
            var (loss, parts) = Descend(model.Loss(x, c, step), optimizers.Model, optimizers.ModelOptimizer, epoch, b, history);
            return (loss, parts.Concat(adversaryParts).ToArray());
        }

        /// <summary>Back-propagates a loss into one parameter group's gradients (zeroed first) and takes its optimizer's step.</summary>
        (double loss, (string, double)[] parts) Descend(LossTerms terms, FlatParameters parameters, Adam optimizer, int epoch, int b, TrainingHistory history)
        {
            parameters.Gradients.zero_();
            terms.Total.backward();
            // The norm when clipping needs it; otherwise a plain sum, which is just as non-finite when any gradient is.
            var gradientCheck = _options.GradientClipNorm is null ? parameters.Gradients.sum() : parameters.Gradients.norm();
            var read = stack(terms.Parts.Select(p => p.Value).Prepend(terms.Total.detach()).Append(gradientCheck)).data<float>().ToArray();
            if (!float.IsFinite(read[0])) throw new TrainingDivergedException(epoch + 1, b + 1, "loss", history);
            var gradient = read[^1];
            if (!float.IsFinite(gradient)) throw new TrainingDivergedException(epoch + 1, b + 1, "gradient", history);
            if (_options.GradientClipNorm is double maxNorm && gradient > maxNorm) parameters.Gradients.mul_(maxNorm / (gradient + 1e-6));
            optimizer.Step();
            return (read[0], terms.Parts.Select((p, i) => (p.Name, (double)read[i + 1])).ToArray());
        }

        /// <summary>The mean loss over the validation rows, in evaluation mode, with noise fixed across epochs.</summary>
        double Evaluate(TrainableModel model, TensorRows validation, int epoch, Generator generator)
        {
            model.eval();
            using var _ = no_grad();
            generator.manual_seed(SeedFor(ValidationNoise));
            double sum = 0;
            for (var start = 0; start < validation.RowCount; start += _options.BatchSize) {
                using var scope = NewDisposeScope();
                var count = Math.Min(_options.BatchSize, validation.RowCount - start);
                var (x, c) = validation.Slice(start, count);
                sum += model.Loss(x, c, new TrainingStep(epoch, epoch + 1, _options.TrimFraction)).Total.ToDouble() * count;
            }
            model.train();
            return sum / validation.RowCount;
        }

        (TrainingData train, TrainingData? validation) Split(TrainingData data)
        {
            var held = _options.ValidationRows(data.RowCount);
            if (_options.ValidationFraction == 0 || held == 0) return (data, null);
            var order = Shuffled(data.RowCount, SeedFor(ValidationSplit));
            return (data.Subset(order[held..]), data.Subset(order[..held]));
        }

        // What each seed is for: epochs 0, 1, ... and these, so that no two uses share a stream.
        const int ValidationNoise = -1, ValidationSplit = -2, InitialWeightsRun = -3;

        long SeedFor(int use) => (long)_options.Seed * 1_000_003L + use + 17;

        static int[] Shuffled(int count, long seed)
        {
            var order = Enumerable.Range(0, count).ToArray();
            new Random(unchecked((int)(seed ^ (seed >> 32)))).Shuffle(order);
            return order;
        }

        static (double rowsPerSecond, TimeSpan eta) Speed(Stopwatch clock, long rows, long steps, long stepsLeft)
        {
            var seconds = Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
            return (rows / seconds, TimeSpan.FromSeconds(seconds / steps * Math.Max(0, stepsLeft)));
        }

        /// <summary>Passes reports on, the first one carrying a notice (what the convolution guard changed).</summary>
        sealed class WithNotice : IProgress<TrainingProgress>
        {
            readonly IProgress<TrainingProgress>? _inner;
            string? _notice;

            public WithNotice(IProgress<TrainingProgress>? inner, string notice) => (_inner, _notice) = (inner, notice);

            public void Report(TrainingProgress value)
            {
                _inner?.Report(_notice is null ? value : value with { Notice = _notice });
                _notice = null;
            }
        }

        /// <summary>Means over an epoch's rows, each batch weighted by its size.</summary>
        sealed class RunningMeans
        {
            readonly Dictionary<string, double> _parts = new();
            double _loss;
            long _rows;

            public void Add(int rows, double loss, IEnumerable<(string name, double value)> parts)
            {
                _rows += rows;
                _loss += loss * rows;
                foreach (var (name, value) in parts) _parts[name] = _parts.GetValueOrDefault(name) + value * rows;
            }

            public double Loss => _loss / _rows;

            public IReadOnlyDictionary<string, double> Parts() => _parts.ToDictionary(kv => kv.Key, kv => kv.Value / _rows);
        }
    }
}
