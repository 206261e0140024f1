// Image sampling speed (issue 9's target: 16 samples × 50 DDIM steps with classifier-free guidance
// in under 5 s on the 2-core CPU):
//   BM_UNetForward/N     — one ε̂ pass of the U-Net on N images (t = 500)
//   BM_CfgDdim50/16      — a whole 16-sample, 50-step DDIM run with CFG (w = 3): 50 batched passes of 32
//   BM_UNetTrainStep/128 — one training step (forward + backward + Adam) on a batch of 128
// The model is the bundled `fashion-mnist` when present (DS_MODELS_DIR or resources/models), else a
// freshly initialised U-Net of the same architecture (same cost). Threads: --threads N (default 2).
// Run: build/<dir>/bench/bench_images [--benchmark_filter=Cfg] [--benchmark_repetitions=5]

#include "core/models/imagecheckpoint.h"
#include "core/models/registry.h"
#include "core/models/unet.h"
#include "core/sampling/guidance.h"
#include "core/sampling/sampler.h"
#include "core/training/imagetrainer.h"

#include <benchmark/benchmark.h>
#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <memory>

namespace {

std::shared_ptr<ds::UNetDenoiser> model() {
  static std::shared_ptr<ds::UNetDenoiser> m = [] {
    try {
      auto ck = ds::loadUNetCheckpoint(ds::resolveModelPath("fashion-mnist"));
      std::fprintf(stderr, "bench_images: the bundled fashion-mnist model (%lld training steps)\n",
                   static_cast<long long>(ck.meta.training.steps));
      return ck.model;
    } catch (const std::exception&) {
      std::fprintf(stderr, "bench_images: no bundled model; a fresh U-Net of the default architecture\n");
      return std::make_shared<ds::UNetDenoiser>(ds::UNetConfig{}, 1);
    }
  }();
  return m;
}

void BM_UNetForward(benchmark::State& state) {
  const auto n = state.range(0);
  auto m = model();
  auto x = torch::randn({n, 1, 28, 28});
  auto t = torch::full({n}, 500, torch::kLong);
  auto y = torch::arange(n, torch::kLong).remainder(10);
  for (auto _ : state) benchmark::DoNotOptimize(m->predictEps(x, t, y));
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_UNetForward)->Arg(1)->Arg(16)->Arg(32)->Unit(benchmark::kMillisecond);

void BM_CfgDdim50(benchmark::State& state) {
  const auto n = state.range(0);
  ds::ClassifierFreeGuidance cfg(model(), 3.0);
  ds::SampleRequest req;
  req.kind = ds::SamplerKind::Ddim;
  req.samplingSteps = 50;
  req.n = n;
  req.sampleShape = {1, 28, 28};
  req.labels = torch::arange(n, torch::kLong).remainder(10);
  req.clipX0 = true;
  ds::NoiseSchedule schedule{ds::ScheduleSpec{}};
  for (auto _ : state) {
    auto traj = ds::sample(cfg, schedule, req);
    benchmark::DoNotOptimize(traj.x.back());
  }
  state.counters["s_per_step"] =
      benchmark::Counter(double(state.iterations()) * 50, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_CfgDdim50)->Arg(16)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_UNetTrainStep(benchmark::State& state) {
  const auto batch = state.range(0);
  auto images = torch::rand({512, 1, 28, 28}).mul(2).sub(1);
  auto labels = torch::arange(512, torch::kLong).remainder(10);
  ds::ImageTrainConfig cfg;
  cfg.batchSize = batch;
  ds::ImageTrainer trainer(ds::UNetConfig{}, ds::NoiseSchedule(ds::ScheduleSpec{}), images, labels, cfg, "random");
  for (auto _ : state) trainer.run(1);
  state.SetItemsProcessed(state.iterations() * batch);
}
BENCHMARK(BM_UNetTrainStep)->Arg(128)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  int threads = 2;
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--threads=", 10) == 0) threads = std::atoi(argv[i] + 10);
  }
  torch::set_num_threads(threads);
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
