#!/usr/bin/env python3
"""PyTorch eager reference for the scoring benchmark of bench/Bench.

Builds, as an ordinary nn.Module, the same MLP VAE scorer that Generative.ML exported (weights read from the exported
ONNX file's initializers, by name), checks nothing itself, and times forward passes under torch.inference_mode().
Arguments: scorer.onnx input.f32 threads batches rounds calls scores_out.f32
Prints one JSON object per batch: {"batch": B, "median_ms": ..., "rounds_ms": [...]} and writes the scores of the
largest batch to scores_out.f32, so that the caller can check that both sides computed the same thing.
Run with Debian's interpreter (/usr/bin/python3), which has python3-torch and python3-onnx."""
import json, math, re, statistics, sys, time
import numpy as np
import onnx
from onnx import numpy_helper
import torch
from torch import nn

LOG_2PI = math.log(2 * math.pi)


def linear(weights, prefix):
    w = torch.from_numpy(weights[f"{prefix}/weight"].copy())
    layer = nn.Linear(w.shape[1], w.shape[0])
    with torch.no_grad():
        layer.weight.copy_(w)
        layer.bias.copy_(torch.from_numpy(weights[f"{prefix}/bias"].copy()))
    return layer


def indices(weights, prefix):
    return sorted(int(m.group(1)) for k in weights if (m := re.fullmatch(prefix + r"/(\d+)/weight", k)))


class Scorer(nn.Module):
    """The VAE scorer: encoder MLP, mean and log-variance heads, decoder at z = mu, negative ELBO, MSE and label."""

    def __init__(self, weights):
        super().__init__()
        body = []
        for i in indices(weights, "encoder/body"):
            body += [linear(weights, f"encoder/body/{i}"), nn.ReLU()]
        self.encoder_body = nn.Sequential(*body)
        self.mu = linear(weights, "encoder/mu")
        self.logvar = linear(weights, "encoder/logvar")
        self.bound = float(weights["encoder/logvar_bound/bound"])
        decoder = [linear(weights, "decoder/input")]
        for i in indices(weights, "decoder/body"):
            decoder += [nn.ReLU(), linear(weights, f"decoder/body/{i}")]
        self.decoder = nn.Sequential(*decoder)
        self.register_buffer("observation_logvar", torch.from_numpy(weights["observation_logvar"].copy()))
        self.threshold = float(weights["anomaly_threshold"])

    def forward(self, x):
        h = self.encoder_body(x)
        mu = self.mu(h)
        logvar = self.bound * torch.tanh(self.logvar(h) / self.bound)
        reconstruction = self.decoder(mu)
        squared = (x - reconstruction) ** 2
        log_likelihood = -0.5 * (squared * torch.exp(-self.observation_logvar) + self.observation_logvar + LOG_2PI).sum(1)
        kl = 0.5 * (torch.exp(logvar) + mu ** 2 - logvar - 1).sum(1)
        negative_elbo = kl - log_likelihood
        return reconstruction, squared.mean(1), negative_elbo, negative_elbo > self.threshold


def main():
    path, inputs, threads, batches, rounds, calls, scores_out = sys.argv[1:8]
    threads, rounds, calls = int(threads), int(rounds), int(calls)
    batches = [int(b) for b in batches.split(",")]
    torch.set_num_threads(threads)
    model = onnx.load(path)
    weights = {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}
    scorer = Scorer(weights).eval()
    features = scorer.encoder_body[0].in_features
    data = torch.from_numpy(np.fromfile(inputs, dtype=np.float32).reshape(-1, features))
    with torch.inference_mode():
        for b in batches:
            x = data[:b].contiguous()
            per_round = max(1, calls // b)
            for _ in range(max(3, per_round // 4)):
                scorer(x)
            times = []
            for _ in range(rounds):
                start = time.perf_counter()
                for _ in range(per_round):
                    scorer(x)
                times.append((time.perf_counter() - start) * 1000 / per_round)
            print(json.dumps({"batch": b, "median_ms": statistics.median(times), "rounds_ms": times}), flush=True)
        scorer(data[: max(batches)])[2].numpy().astype(np.float32).tofile(scores_out)


if __name__ == "__main__":
    main()
