#!/usr/bin/python3
"""The Python PyTorch eager peer of `bench_mlp sample`: the same network (3 hidden layers of 128,
SiLU, 32-d sinusoidal time embedding concatenated to x) and the same DDPM loop (posterior
variance, linear schedule), written the way a PyTorch user would, under torch.no_grad().

    /usr/bin/python3 bench/bench_mlp.py [--threads K] [--n 10000] [--steps 1000] [--reps 1]

Also measures the sgemm rate at the loop's shape (torch.mm), for the matrix-multiply floor.
Debian's python3-torch is the same LibTorch 1.13 that the C++ code links.
"""
import argparse
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def time_embedding(t, dim, steps):
    half = dim // 2
    freqs = torch.exp(torch.arange(half, dtype=torch.float32) * (-math.log(10000.0) / half))
    args = (t.float() * (1000.0 / steps))[:, None] * freqs[None]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class Mlp(nn.Module):
    def __init__(self, dim=2, hidden=128, layers=3, temb=32, steps=1000):
        super().__init__()
        self.temb, self.steps = temb, steps
        self.inp = nn.Linear(dim + temb, hidden)
        self.hidden = nn.ModuleList([nn.Linear(hidden, hidden) for _ in range(layers - 1)])
        self.out = nn.Linear(hidden, dim)

    def forward(self, x, t):
        h = F.silu(self.inp(torch.cat([x, time_embedding(t, self.temb, self.steps)], dim=1)))
        for layer in self.hidden:
            h = F.silu(layer(h))
        return self.out(h)


def linear_schedule(T):
    betas = torch.linspace(1e-4 * 1000 / T, 0.02 * 1000 / T, T, dtype=torch.float64).clamp(max=0.999)
    alphas = 1 - betas
    ab = torch.cumprod(alphas, 0)
    ab_prev = torch.cat([torch.ones(1, dtype=torch.float64), ab[:-1]])
    return betas, alphas, ab, ab_prev


@torch.no_grad()
def ddpm_sample(model, n, T, gen):
    betas, alphas, ab, ab_prev = linear_schedule(T)
    post_var = betas * (1 - ab_prev) / (1 - ab)
    coef1 = betas * ab_prev.sqrt() / (1 - ab)
    coef2 = (1 - ab_prev) * alphas.sqrt() / (1 - ab)
    x = torch.randn(n, 2, generator=gen)
    for i in reversed(range(T)):  # i = t - 1
        t = torch.full((n,), i + 1, dtype=torch.long)
        eps = model(x, t)
        x0 = (x - (1 - ab[i]).sqrt().item() * eps) / ab[i].sqrt().item()
        x = coef2[i].item() * x + coef1[i].item() * x0
        if i > 0:
            x = x + post_var[i].sqrt().item() * torch.randn(n, 2, generator=gen)
    return x


def sgemm_rate(n, k, m, reps=200):
    a, w, b = torch.randn(n, k), torch.randn(m, k), torch.randn(m)
    for _ in range(3):
        torch.addmm(b, a, w.t())
    t0 = time.perf_counter()
    for _ in range(reps):
        torch.addmm(b, a, w.t())
    return 2.0 * n * k * m * reps / (time.perf_counter() - t0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=0)
    p.add_argument("--n", type=int, default=10000)
    p.add_argument("--steps", type=int, default=1000)
    p.add_argument("--reps", type=int, default=1)
    a = p.parse_args()
    if a.threads > 0:
        torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    model = Mlp(steps=a.steps).eval()
    rate = sgemm_rate(a.n, 128, 128)
    # GEMM FLOPs per evaluation as in C++ (the per-t table there removes the time-embedding GEMM).
    flops = 2.0 * a.n * (2 * 128 + 2 * 128 * 128 + 128 * 2)
    print(f"python {torch.__version__}: {a.n} points x {a.steps} DDPM steps, threads {torch.get_num_threads()}")
    print(f"  sgemm (addmm [{a.n},128]x[128,128]): {rate / 1e9:.1f} GFLOP/s")
    x = torch.randn(a.n, 2)
    t = torch.full((a.n,), a.steps // 2, dtype=torch.long)
    with torch.no_grad():
        for _ in range(5):
            model(x, t)
        t0 = time.perf_counter()
        for _ in range(200):
            model(x, t)
        per = (time.perf_counter() - t0) / 200
    print(f"  network: {per * 1e3:.3f} ms per evaluation")
    best = float("inf")
    for r in range(a.reps):
        gen = torch.Generator().manual_seed(r)
        t0 = time.perf_counter()
        out = ddpm_sample(model, a.n, a.steps, gen)
        best = min(best, time.perf_counter() - t0)
        assert torch.isfinite(out).all()
    floor = flops * a.steps / rate
    print(f"RESULT python sample: {best:.3f} s for {a.n} x {a.steps} steps (best of {a.reps}); "
          f"{best / a.steps * 1e3:.3f} ms/step; GEMM floor {floor:.3f} s -> {100 * floor / best:.0f}% of the floor's speed")


if __name__ == "__main__":
    main()
