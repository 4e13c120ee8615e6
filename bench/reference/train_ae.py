#!/usr/bin/env python3
"""PyTorch reference for bench/Bench: the same MLP autoencoder, optimizer and timing protocol.
Prints one JSON object per batch size: {"batch": B, "median_ms": ..., "rounds_ms": [...]}.
Run with Debian's interpreter (/usr/bin/python3), which has python3-torch."""
import json, statistics, sys, time
import torch

def main():
    threads, batches, rounds, warmup = int(sys.argv[1]), [int(b) for b in sys.argv[2].split(",")], int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    sizes = [784, 512, 256, 32]
    def mlp(dims):
        layers = []
        for i in range(len(dims) - 1):
            layers.append(torch.nn.Linear(dims[i], dims[i + 1]))
            if i < len(dims) - 2:
                layers.append(torch.nn.ReLU())
        return torch.nn.Sequential(*layers)
    model = torch.nn.Sequential(mlp(sizes), mlp(sizes[::-1]))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999))
    data = torch.rand(8192, 784)
    for b in batches:
        n = data.shape[0] // b
        steps = max(4, 3840 // b)
        def step(i):
            x = data[(i % n) * b:(i % n + 1) * b]
            opt.zero_grad()
            loss = torch.nn.functional.mse_loss(model(x), x)
            loss.backward()
            opt.step()
        for i in range(warmup):
            step(i)
        per_round = []
        for r in range(rounds):
            t0 = time.perf_counter()
            for i in range(steps):
                step(i)
            per_round.append((time.perf_counter() - t0) / steps * 1000)
        print(json.dumps({"batch": b, "median_ms": statistics.median(per_round), "rounds_ms": per_round}), flush=True)

if __name__ == "__main__":
    main()
