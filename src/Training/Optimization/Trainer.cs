using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Generative.ML.Training.Data;
using Generative.ML.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// Trains any model of the family with minibatch Adam/AdamW. Every check (options, data, model fit) runs before
    /// the first step. Each step runs in its own dispose scope, so memory stays flat however long training runs.
    /// Randomness (shuffling, sampling noise, dropout) is re-seeded from the seed and the epoch at each epoch's start,
    /// which makes a run, and a run resumed from a checkpoint, repeat bit for bit on the same machine and thread count.
    /// </summary>
    public sealed class Trainer
    {
        readonly TrainerOptions _options;

        public Trainer(TrainerOptions? options = null) => _options = options ?? new TrainerOptions();

        public TrainerOptions Options => _options;

        /// <summary>Trains from the model's current weights. Cancelling stops between two steps with <see cref="OperationCanceledException"/>.</summary>
        public TrainingHistory Fit(GenerativeModel model, TrainingData data, IProgress<TrainingProgress>? progress = null,
                                   CancellationToken cancellationToken = default) =>
            Run(model, data, resume: false, progress, cancellationToken);

        /// <summary>Continues the run saved in <see cref="TrainerOptions.CheckpointDirectory"/> (same model shape, data and options).</summary>
        public TrainingHistory Resume(GenerativeModel model, TrainingData data, IProgress<TrainingProgress>? progress = null,
                                      CancellationToken cancellationToken = default)
        {
            if (_options.CheckpointDirectory is null)
                throw new ArgumentException("Resuming needs TrainerOptions.CheckpointDirectory.", nameof(TrainerOptions.CheckpointDirectory));
            return Run(model, data, resume: true, progress, cancellationToken);
        }

        TrainingHistory Run(GenerativeModel model, TrainingData data, bool resume, IProgress<TrainingProgress>? progress, CancellationToken ct)
        {
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (data is null) throw new ArgumentNullException(nameof(data));
            _options.Validate(data.RowCount);
            model.CheckTrainingData(data);
            set_num_threads(_options.Threads ?? Environment.ProcessorCount);

            var (train, validation) = Split(data);
            using var trainSet = new DeviceRows(train);
            using var validationSet = validation is null ? null : new DeviceRows(validation);
            using var optimizer = CreateOptimizer(model);
            var fingerprint = Checkpoint.FingerprintOf(model, data.RowCount, _options);
            var earlyStopping = _options.EarlyStoppingPatience is not null;
            WeightSnapshot? best = null;
            try {
                var state = new Checkpoint { Fingerprint = fingerprint };
                if (resume)
                    state = Checkpoint.Load(_options.CheckpointDirectory!, model, optimizer, fingerprint, () => {
                        if (earlyStopping) best = new WeightSnapshot(model);
                    });
                var history = state.History;

                var batches = (train.RowCount + _options.BatchSize - 1) / _options.BatchSize;
                var totalSteps = (long)_options.Epochs * batches;
                var clock = Stopwatch.StartNew();
                long stepsThisRun = 0, rowsThisRun = 0;

                for (var epoch = state.CompletedEpochs; epoch < _options.Epochs && !history.StoppedEarly; epoch++) {
                    var lr = _options.LearningRate * _options.LearningRateSchedule.Factor(epoch, _options.Epochs);
                    foreach (var group in optimizer.ParamGroups) group.LearningRate = lr;
                    var epochClock = Stopwatch.StartNew();
                    var order = Shuffled(train.RowCount, EpochSeed(epoch));
                    manual_seed(EpochSeed(epoch));
                    model.train();

                    var sums = new RunningMeans();
                    for (var b = 0; b < batches; b++) {
                        ct.ThrowIfCancellationRequested();
                        var rows = order.AsSpan(b * _options.BatchSize, Math.Min(_options.BatchSize, train.RowCount - b * _options.BatchSize)).ToArray();
                        using (var scope = NewDisposeScope()) {
                            var (x, c) = trainSet.Batch(rows);
                            optimizer.zero_grad();
                            var terms = model.Loss(x, c, new TrainingStep(epoch, epoch + (double)b / batches));
                            var loss = terms.Total.ToDouble();
                            if (!double.IsFinite(loss)) throw new TrainingDivergedException(epoch + 1, b + 1, "loss", history);
                            terms.Total.backward();
                            var norm = nn.utils.clip_grad_norm_(model.parameters(), _options.GradientClipNorm ?? double.MaxValue);
                            if (!double.IsFinite(norm)) throw new TrainingDivergedException(epoch + 1, b + 1, "gradient", history);
                            optimizer.step();
                            sums.Add(rows.Length, loss, terms.Parts.Select(p => (p.Name, p.Value.ToDouble())));
                        }
                        stepsThisRun++;
                        rowsThisRun += rows.Length;
                        if (progress != null) {
                            var (rate, eta) = Speed(clock, rowsThisRun, stepsThisRun, totalSteps - ((long)epoch * batches + b + 1));
                            progress.Report(new TrainingProgress(epoch + 1, _options.Epochs, b + 1, batches, sums.Loss, sums.Parts(), null, lr,
                                                                 rate, eta, EpochCompleted: false));
                        }
                    }

                    double? validationLoss = validationSet is null ? null : Evaluate(model, validationSet, epoch);
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
                    if (earlyStopping && state.EpochsWithoutImprovement >= _options.EarlyStoppingPatience && epoch + 1 < _options.Epochs)
                        history.StoppedEarly = true;
                    state.CompletedEpochs = epoch + 1;
                    if (_options.CheckpointDirectory != null) state.Save(_options.CheckpointDirectory, model, optimizer, isBest && earlyStopping);

                    if (progress != null) {
                        var (rate, eta) = Speed(clock, rowsThisRun, stepsThisRun, totalSteps - (long)(epoch + 1) * batches);
                        progress.Report(new TrainingProgress(epoch + 1, _options.Epochs, batches, batches, sums.Loss, sums.Parts(), validationLoss,
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

        /// <summary>The mean loss over the validation rows, in evaluation mode, with noise fixed across epochs.</summary>
        double Evaluate(GenerativeModel model, DeviceRows validation, int epoch)
        {
            model.eval();
            using var _ = no_grad();
            manual_seed(EpochSeed(-1));
            var all = Enumerable.Range(0, validation.RowCount).ToArray();
            double sum = 0;
            for (var start = 0; start < all.Length; start += _options.BatchSize) {
                using var scope = NewDisposeScope();
                var rows = all.AsSpan(start, Math.Min(_options.BatchSize, all.Length - start)).ToArray();
                var (x, c) = validation.Batch(rows);
                var terms = model.Loss(x, c, new TrainingStep(epoch, epoch + 1));
                sum += terms.Total.ToDouble() * rows.Length;
            }
            model.train();
            return sum / all.Length;
        }

        OptimizerHelper CreateOptimizer(GenerativeModel model) => _options.Optimizer switch {
            // beta2 given explicitly: TorchSharp's Adam factory defaults it to 0.99, PyTorch to 0.999.
            OptimizerKind.Adam => optim.Adam(model.parameters(), lr: _options.LearningRate, beta1: 0.9, beta2: 0.999, weight_decay: _options.WeightDecay),
            _ => optim.AdamW(model.parameters(), lr: _options.LearningRate, beta1: 0.9, beta2: 0.999, weight_decay: _options.WeightDecay),
        };

        (TrainingData train, TrainingData? validation) Split(TrainingData data)
        {
            var held = _options.ValidationRows(data.RowCount);
            if (_options.ValidationFraction == 0 || held == 0) return (data, null);
            var order = Shuffled(data.RowCount, EpochSeed(-2));
            return (data.Subset(order[held..]), data.Subset(order[..held]));
        }

        long EpochSeed(int epoch) => (long)_options.Seed * 1_000_003L + epoch + 17;

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
