#!/usr/bin/env python3
"""PyTorch reference for the small-tabular training benchmark of bench/Bench: the library's MLP autoencoder and VAE
(16 features, hidden 64-32, latent 4, the VAE with a learned per-feature observation variance and log-variances softly
bounded to +-10), trained the way its Trainer trains: each epoch shuffles the rows, every step reads its loss back.
Arguments: kind(ae|vae) threads batch rounds warmup rows
Prints {"batch": B, "median_ms": ..., "rounds_ms": [...]}: the median over rounds (epochs) of milliseconds per step.
Run with Debian's interpreter (/usr/bin/python3), which has python3-torch."""
import json, math, statistics, sys, time
import torch
from torch import nn

LOG_2PI = math.log(2 * math.pi)
BOUND = 10.0


def mlp_encoder(dims):
    layers = []
    for i in range(len(dims) - 1):
        layers += [nn.Linear(dims[i], dims[i + 1]), nn.ReLU()]
    return nn.Sequential(*layers)


class Autoencoder(nn.Module):
    def __init__(self, features, hidden, latent):
        super().__init__()
        self.body = mlp_encoder([features] + hidden)
        self.code = nn.Linear(hidden[-1], latent)
        back = hidden[::-1] + [features]
        layers = [nn.Linear(latent, back[0])]
        for i in range(len(back) - 1):
            layers += [nn.ReLU(), nn.Linear(back[i], back[i + 1])]
        self.decoder = nn.Sequential(*layers)

    def loss(self, x):
        reconstruction = nn.functional.mse_loss(self.decoder(self.code(self.body(x))), x)
        return reconstruction, (reconstruction.detach(),)


class Vae(Autoencoder):
    def __init__(self, features, hidden, latent):
        super().__init__(features, hidden, latent)
        self.logvar_head = nn.Linear(hidden[-1], latent)
        self.observation_logvar = nn.Parameter(torch.zeros(features))

    def loss(self, x):
        h = self.body(x)
        mu = self.code(h)
        logvar = BOUND * torch.tanh(self.logvar_head(h) / BOUND)
        z = mu + (0.5 * logvar).exp() * torch.randn_like(mu)
        mean = self.decoder(z)
        obs = BOUND * torch.tanh(self.observation_logvar / BOUND)
        log_likelihood = -0.5 * ((x - mean).square() * (-obs).exp() + obs + LOG_2PI).sum(1)
        kl = 0.5 * (logvar.exp() + mu.square() - 1 - logvar).sum(1)
        reconstruction, kl_mean = -log_likelihood.mean(), kl.mean()
        return reconstruction + kl_mean, (reconstruction.detach(), kl_mean.detach())


def main():
    kind, threads, batch, rounds, warmup, rows = sys.argv[1], *map(int, sys.argv[2:7])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    model = (Vae if kind == "vae" else Autoencoder)(16, [64, 32], 4)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999))
    data = torch.rand(rows, 16)
    steps = rows // batch
    per_epoch = []
    for epoch in range(warmup + rounds):
        t0 = time.perf_counter()
        shuffled = data[torch.randperm(rows)]
        total = 0.0
        for i in range(steps):
            x = shuffled[i * batch:(i + 1) * batch]
            opt.zero_grad()
            loss, parts = model.loss(x)
            loss.backward()
            opt.step()
            total += loss.item() + sum(p.item() for p in parts)
        if epoch >= warmup:
            per_epoch.append((time.perf_counter() - t0) / steps * 1000)
    print(json.dumps({"batch": batch, "median_ms": statistics.median(per_epoch), "rounds_ms": per_epoch}), flush=True)


if __name__ == "__main__":
    main()
