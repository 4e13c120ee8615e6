using System;
using System.Collections.Generic;
using System.Linq;

namespace Generative.ML.Training.Models
{
    /// <summary>A model family by the short name gml and the benchmarks know it by, and the options that make it.</summary>
    /// <param name="Name">The short name (<c>gml train --kind</c>, <c>bench quality --detectors</c>).</param>
    /// <param name="Description">What it is, in a few words, for help texts.</param>
    /// <param name="Create">New options of the family, at its defaults.</param>
    internal sealed record ModelFamily(string Name, string Description, Func<GenerativeEstimatorOptions> Create)
    {
        /// <summary>What models of the family can do (encode, reconstruct, score, sample), known before any is trained.</summary>
        public ModelCapabilities Capabilities => Create().Capabilities;
    }

    /// <summary>
    /// Every model family in one list, read by gml and the benchmarks: a new family is its folder under Models/ and one
    /// line here, and both find it.
    /// </summary>
    internal static class ModelFamilies
    {
        public static IReadOnlyList<ModelFamily> All { get; } = new[] {
            new ModelFamily("vae", "variational autoencoder", () => new VariationalAutoencoderOptions()),
            new ModelFamily("ae", "plain autoencoder; cannot sample", () => new AutoencoderOptions()),
            new ModelFamily("vq", "VQ-VAE", () => new VectorQuantizedOptions()),
            new ModelFamily("aae", "adversarial autoencoder", () => new AdversarialAutoencoderOptions()),
            new ModelFamily("wae", "Wasserstein autoencoder: the aae with MMD matching",
                            () => new AdversarialAutoencoderOptions { CodeMatching = CodeMatching.MaximumMeanDiscrepancy }),
            new ModelFamily("vaegan", "VAE-GAN", () => new VariationalAutoencoderOptions { AdversarialWeight = 0.1 }),
            new ModelFamily("gan", "GAN; samples and scores, has no encoder", () => new GanOptions()),
        };

        /// <summary>The family named <paramref name="name"/>; an error listing the known names otherwise.</summary>
        public static ModelFamily Find(string name) =>
            All.FirstOrDefault(f => f.Name == name)
            ?? throw new ArgumentException($"Unknown model family '{name}'; one of {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));
    }
}
