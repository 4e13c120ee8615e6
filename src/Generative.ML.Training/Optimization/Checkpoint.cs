using System;
using System.IO;
using System.Text.Json;

namespace Generative.ML.Training.Optimization
{
    /// <summary>
    /// A training run's state on disk after an epoch: weights, optimizer state, the best weights so far and the
    /// trainer's bookkeeping. Each file is written beside its final name and then moved, so a crash mid-write leaves
    /// the previous checkpoint readable.
    /// </summary>
    internal sealed class Checkpoint
    {
        const string ModelFile = "model.weights", OptimizerFile = "optimizer.state", AdversaryOptimizerFile = "adversary-optimizer.state", BestFile = "best.weights", StateFile = "trainer.json";

        public int CompletedEpochs { get; set; }
        public int EpochsWithoutImprovement { get; set; }
        public TrainingHistory History { get; set; } = new();

        /// <summary>What must match for a resume to make sense: model, data size and the options that shape the run.</summary>
        public string Fingerprint { get; set; } = "";

        public static string FingerprintOf(TrainableModel model, int rows, TrainerOptions options) =>
            $"{model.Kind}/{model.InputSize}/{model.LatentSize}/{model.ConditionSize}/rows={rows}/seed={options.Seed}/batch={options.BatchSize}/" +
            $"epochs={options.EpochsFor(rows)}/val={options.ValidationFraction}/trim={options.TrimFraction}/{options.Optimizer}";

        public static bool Exists(string directory) => File.Exists(Path.Combine(directory, StateFile));

        /// <param name="isBest">The model's current weights are the best so far (kept apart for early stopping).</param>
        public void Save(string directory, TrainableModel model, Adam optimizer, Adam? adversaryOptimizer, bool isBest)
        {
            Directory.CreateDirectory(directory);
            Write(directory, ModelFile, path => model.save(path));
            Write(directory, OptimizerFile, optimizer.Save);
            if (adversaryOptimizer is not null) Write(directory, AdversaryOptimizerFile, adversaryOptimizer.Save);
            if (isBest) Write(directory, BestFile, path => model.save(path));
            Write(directory, StateFile, path => File.WriteAllText(path, JsonSerializer.Serialize(this)));
        }

        /// <param name="takeBest">Called with the model holding the best weights so far, before the latest ones are loaded.</param>
        /// <summary>Loads the bookkeeping and the weights; the optimizer's state comes after, with <see cref="LoadOptimizer"/>.</summary>
        public static Checkpoint Load(string directory, TrainableModel model, string fingerprint, Action takeBest)
        {
            var statePath = Path.Combine(directory, StateFile);
            if (!File.Exists(statePath)) throw new FileNotFoundException($"No checkpoint in '{directory}' ({StateFile} is missing).", statePath);
            var state = JsonSerializer.Deserialize<Checkpoint>(File.ReadAllText(statePath))
                        ?? throw new InvalidDataException($"'{statePath}' is empty.");
            if (state.Fingerprint != fingerprint)
                throw new InvalidOperationException(
                    $"The checkpoint in '{directory}' was made for another run ({state.Fingerprint}); this one is {fingerprint}.");
            if (File.Exists(Path.Combine(directory, BestFile))) {
                model.load(Path.Combine(directory, BestFile));
                takeBest();
            }
            model.load(Path.Combine(directory, ModelFile));
            return state;
        }

        public static void LoadOptimizer(string directory, Adam optimizer, Adam? adversaryOptimizer)
        {
            optimizer.Load(Path.Combine(directory, OptimizerFile));
            adversaryOptimizer?.Load(Path.Combine(directory, AdversaryOptimizerFile));
        }

        static void Write(string directory, string name, Action<string> write)
        {
            Generative.ML.Graphs.AtomicFile.WriteVia(Path.Combine(directory, name), write);
        }
    }
}
