// bench_mlp: the learned-denoiser figures of issue 4 (a plain timed program, not Google Benchmark,
// because each figure is one long run).
//
//   bench_mlp train  [--threads K] [--target SW] [--max-iters N]     (use --threads 1)
//       Time to train two moons to good quality: trains in chunks, and after each chunk (clock
//       stopped) samples 2000 points and measures the sliced W₂ against a fresh 2000-point data
//       sample. Reports the training time at which SW₂ first falls below the target (0.1).
//   bench_mlp sample [--threads K] [--n N] [--steps T] [--reps R]
//       DDPM sampling of a 3-layer, 128-wide SiLU MLP: N points × T steps through ds::sample,
//       plus the network alone, and the sgemm rate at the loop's shapes (torch::mm), which gives
//       the matrix-multiply floor: the loop's GEMM FLOPs over that rate.
//   Compare with bench/bench_mlp.py (the same network and loop in Python PyTorch eager).

#include "core/data/toys.h"
#include "core/models/mlp.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"
#include "core/training/metrics.h"
#include "core/training/trainer.h"

#include <ATen/ATen.h>
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;
double since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

struct Args {
  std::string mode;
  int threads = 0;
  double target = 0.1;
  long long maxIters = 8000;
  long long n = 10000;
  int steps = 1000;
  int reps = 1;
};

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: bench_mlp train|sample [--threads K] [--target SW] [--max-iters N] [--n N] "
                 "[--steps T] [--reps R]\n");
    std::exit(2);
  }
  a.mode = argv[1];
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string k = argv[i];
    const char* v = argv[i + 1];
    if (k == "--threads") a.threads = std::atoi(v);
    else if (k == "--target") a.target = std::atof(v);
    else if (k == "--max-iters") a.maxIters = std::atoll(v);
    else if (k == "--n") a.n = std::atoll(v);
    else if (k == "--steps") a.steps = std::atoi(v);
    else if (k == "--reps") a.reps = std::atoi(v);
    else {
      std::fprintf(stderr, "unknown option %s\n", k.c_str());
      std::exit(2);
    }
  }
  return a;
}

int benchTrain(const Args& a) {
  const int T = 1000;
  ds::ScheduleSpec spec;
  spec.steps = T;
  ds::NoiseSchedule schedule(spec);
  auto gen = ds::makeGenerator(1, at::kCPU);
  auto data = ds::makeToy("moons", 10000, gen);
  auto evalGen = ds::makeGenerator(2, at::kCPU);
  auto reference = ds::makeToy("moons", 2000, evalGen);
  auto floorGen = ds::makeGenerator(3, at::kCPU);
  const double floor = ds::slicedWasserstein(ds::makeToy("moons", 2000, floorGen), reference);

  ds::MlpConfig arch;  // the CLI defaults: 3 x 128, 32-d time embedding
  arch.steps = T;
  ds::TrainConfig cfg;  // the CLI defaults: batch 256, lr 3e-3, EMA 0.995, clip 1
  cfg.seed = 0;
  cfg.reportEvery = 1000000;
  ds::Trainer trainer(arch, schedule, data, cfg);
  std::printf(
      "train two moons: %s, T = %d, batch %lld, lr %g, threads %d; target SW2 < %.3f "
      "(2000 DDPM samples vs 2000 fresh points; data-vs-data floor %.4f)\n",
      trainer.model()->name().c_str(), T, static_cast<long long>(cfg.batchSize), cfg.learningRate,
      at::get_num_threads(), a.target, floor);
  double trainSeconds = 0;
  const long long chunk = 500;
  double reached = -1;
  while (trainer.step() < a.maxIters) {
    const auto r = trainer.run(chunk);
    trainSeconds += r.seconds;
    const auto t0 = Clock::now();
    auto samples = ds::sampleDenoiser(*trainer.model(), schedule, 2, 2000, 7);
    const double sw = ds::slicedWasserstein(samples, reference);
    std::printf("  step %5lld  train %6.2f s  loss %.4f  SW2 %.4f  (eval %.1f s, not counted)\n",
                static_cast<long long>(trainer.step()), trainSeconds, r.loss, sw, since(t0));
    std::fflush(stdout);
    if (sw < a.target && reached < 0) {
      reached = trainSeconds;
      break;
    }
  }
  if (reached >= 0) {
    std::printf("RESULT train-to-quality: %.2f s (%lld steps) to SW2 < %.3f\n", reached,
                static_cast<long long>(trainer.step()), a.target);
    return 0;
  }
  std::printf("RESULT train-to-quality: not reached in %lld steps (%.2f s)\n", a.maxIters, trainSeconds);
  return 1;
}

double gemmFlopsPerStep(long long n, const ds::MlpConfig& c) {
  // The GEMMs of one network evaluation: W_x x (K = D), L-1 hidden layers, the output layer.
  return 2.0 * n *
         (static_cast<double>(c.dim) * c.hidden + (c.layers - 1.0) * c.hidden * c.hidden +
          static_cast<double>(c.hidden) * c.dim);
}

double sgemmRate(long long n, int k, int m, int reps) {
  auto a = at::randn({n, k});
  auto w = at::randn({m, k});
  auto out = at::empty({n, m});
  auto bias = at::randn({m});
  for (int i = 0; i < 3; ++i) at::addmm_out(out, bias, a, w.t());
  const auto t0 = Clock::now();
  for (int i = 0; i < reps; ++i) at::addmm_out(out, bias, a, w.t());
  return 2.0 * n * k * m * reps / since(t0);
}

int benchSample(const Args& a) {
  ds::MlpConfig arch;
  arch.hidden = 128;
  arch.layers = 3;
  arch.steps = a.steps;
  ds::MlpDenoiser model(arch, 0);
  ds::ScheduleSpec spec;
  spec.steps = a.steps;
  ds::NoiseSchedule schedule(spec);
  const double rate = sgemmRate(a.n, arch.hidden, arch.hidden, 200);
  const double flops = gemmFlopsPerStep(a.n, arch) * a.steps;
  std::printf("sample: %s, %lld points x %d DDPM steps, threads %d\n", model.name().c_str(), a.n, a.steps,
              at::get_num_threads());
  std::printf("  sgemm (addmm [%lld,128]x[128,128]): %.1f GFLOP/s\n", a.n, rate / 1e9);

  // The network alone.
  auto x = at::randn({a.n, 2});
  auto t = at::full({a.n}, a.steps / 2, at::kLong);
  for (int i = 0; i < 5; ++i) model.predictEps(x, t);
  const int netReps = 200;
  auto t0 = Clock::now();
  for (int i = 0; i < netReps; ++i) model.predictEps(x, t);
  const double perEval = since(t0) / netReps;
  std::printf("  network: %.3f ms per evaluation (GEMM floor %.3f ms)\n", perEval * 1e3,
              gemmFlopsPerStep(a.n, arch) / rate * 1e3);

  ds::SampleRequest req;
  req.n = a.n;
  req.sampleShape = {2};
  double best = 1e300;
  for (int r = 0; r < a.reps; ++r) {
    req.seed = static_cast<std::uint64_t>(r);
    t0 = Clock::now();
    auto traj = ds::sample(model, schedule, req);
    best = std::min(best, since(t0));
    if (!at::isfinite(traj.final()).all().item<bool>()) std::printf("  (non-finite samples!)\n");
  }
  std::printf(
      "RESULT sample: %.3f s for %lld x %d steps (best of %d); %.3f ms/step; "
      "GEMM floor %.3f s -> %.0f%% of the floor's speed\n",
      best, a.n, a.steps, a.reps, best / a.steps * 1e3, flops / rate, 100.0 * (flops / rate) / best);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const Args a = parse(argc, argv);
  if (a.threads > 0) at::set_num_threads(a.threads);
  if (a.mode == "train") return benchTrain(a);
  if (a.mode == "sample") return benchSample(a);
  std::fprintf(stderr, "unknown mode %s (train or sample)\n", a.mode.c_str());
  return 2;
}
