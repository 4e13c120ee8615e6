using System;
using Generative.ML.Training.Architectures;
using Generative.ML.Training.Onnx;
using static TorchSharp.torch;

namespace Generative.ML.Training.Networks
{
    /// <summary>
    /// The prior an adversarial autoencoder pushes its codes to: N(0, I), or the AAE paper's mixture of K equal-weight
    /// Gaussians whose centres are evenly spaced on a circle of radius 2 in the first two code dimensions. Each mixture
    /// component has the same standard deviation in every dimension, a share (the spread) of the distance between
    /// neighbouring centres, so that little prior mass lies between components. Why a mixture: N(0, I) is one connected
    /// blob, so a decoder that maps it onto separate clusters of data must pass between them somewhere, and prior draws
    /// there decode to rows between the clusters. With a mixture, those passages can sit in the gaps between components.
    /// </summary>
    internal sealed class CodeDistribution
    {
        /// <param name="latentSize">the code's width.</param>
        /// <param name="components">1 for N(0, I); K >= 2 for the mixture (the code needs at least two dimensions).</param>
        /// <param name="spread">a component's sd over the distance between neighbouring centres (the mixture only).</param>
        public CodeDistribution(long latentSize, int components = 1, double spread = 0.25)
        {
            if (!(spread > 0 && spread <= 1))
                throw new ArgumentOutOfRangeException(nameof(spread), spread, "The spread (a component's sd over the gap between centres) must be in (0, 1].");
            if (latentSize < 1) throw new ArgumentOutOfRangeException(nameof(latentSize), latentSize, "The code needs at least one dimension.");
            if (components < 1)
                throw new ArgumentOutOfRangeException(nameof(components), components, "The prior needs at least one component (1 is N(0, I)).");
            if (components > 1 && latentSize < 2)
                throw new ArgumentOutOfRangeException(nameof(components), components,
                    "A mixture prior places its components on a circle in the first two code dimensions: the latent size must be at least 2.");
            LatentSize = latentSize;
            Components = components;
            var centres = new float[components * latentSize];
            if (components > 1) {
                for (var k = 0; k < components; k++) {
                    var angle = 2 * Math.PI * k / components;
                    centres[k * latentSize] = (float)(Radius * Math.Cos(angle));
                    centres[k * latentSize + 1] = (float)(Radius * Math.Sin(angle));
                }
                ComponentStd = 2 * Radius * Math.Sin(Math.PI / components) * spread;
            } else {
                ComponentStd = 1;
            }
            Centres = centres;
        }

        /// <summary>The radius of the circle the mixture's centres lie on.</summary>
        public const double Radius = 2;

        /// <summary>Size of the codes.</summary>
        public long LatentSize { get; }

        /// <summary>1: N(0, I). K >= 2: the mixture.</summary>
        public int Components { get; }

        /// <summary>Each component's standard deviation in every dimension (1 for N(0, I)).</summary>
        public double ComponentStd { get; }

        /// <summary>The components' centres, row-major [Components, LatentSize].</summary>
        public float[] Centres { get; }

        /// <summary><paramref name="count"/> draws from the running fit's generator (<see cref="RandomDraws"/>), on <paramref name="device"/> (the CPU by default).</summary>
        public Tensor Draw(long count, Device? device = null)
        {
            if (Components == 1) return RandomDraws.Normal(new[] { count, LatentSize }, device);
            using var scope = NewDisposeScope();
            var component = RandomDraws.Integers(Components, new[] { count }, device);
            var centres = tensor(Centres, new long[] { Components, LatentSize }, device: device);
            return (centres.index_select(0, component) + ComponentStd * RandomDraws.Normal(new[] { count, LatentSize }, device)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// z as ONNX nodes from noise [batch, width] of N(0, 1) draws: for N(0, I) the first LatentSize values; for the
        /// mixture, the component is picked by Phi(noise[0]) against the equal cumulative shares, and the next LatentSize
        /// values give the draw around its centre.
        /// </summary>
        internal string Emit(OnnxGraphBuilder g, string noise, string scope)
        {
            if (Components == 1) return GraphMath.Columns(g, noise, 0, LatentSize, scope);
            var cumulative = new float[Components - 1];
            for (var k = 0; k < Components - 1; k++) cumulative[k] = (float)(k + 1) / Components;
            var index = GraphMath.CategoryFromNoise(g, noise, cumulative, scope);
            var centre = g.Node("Gather", scope, new[] { g.Weight($"{scope}/centres", Centres, new long[] { Components, LatentSize }), index },
                                OnnxGraphBuilder.Int("axis", 0));
            var spread = g.Node("Mul", scope, GraphMath.Columns(g, noise, 1, 1 + LatentSize, scope), g.Scalar($"{scope}/std", (float)ComponentStd));
            return g.Node("Add", scope, centre, spread);
        }

        /// <inheritdoc/>
        public override string ToString() => Components == 1
            ? "N(0, I)"
            : $"mixture of {Components} equal Gaussians, centres on a circle of radius {Radius} in code dimensions 1-2, sd {ComponentStd:G4}";
    }
}
