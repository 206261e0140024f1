// Timing of the exact-mixture DDPM sampler on 2-D data (an 8-component ring):
//   BM_DdpmStep/N  — one reverse step (ε̂ from the exact denoiser + the ancestral update)
//   BM_DdpmRun/N   — a whole 1000-step run, as ds::sample executes it
// Run: build/<dir>/bench/bench_sampling [--benchmark_filter=Step]

#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>
#include <benchmark/benchmark.h>

#include <cmath>

namespace {

const char* kRingSpec =
    "1:2,0:0.3;1:1.414,1.414:0.3;1:0,2:0.3;1:-1.414,1.414:0.3;1:-2,0:0.3;1:-1.414,-1.414:0.3;1:0,-2:0.3;1:1.414,-1.414:"
    "0.3";

struct Setup {
  ds::NoiseSchedule schedule{ds::ScheduleSpec{ds::ScheduleKind::Linear, 1000, {}, {}}};
  ds::ExactMixtureDenoiser model{ds::GaussianMixture::parse(kRingSpec), schedule};
};

const Setup& setup() {
  static const Setup s;
  return s;
}

// One DDPM step at t = 500 (mid-chain), written as sampler.cpp does it.
void BM_DdpmStep(benchmark::State& state) {
  at::NoGradGuard noGrad;
  const auto n = state.range(0);
  const auto& s = setup();
  auto gen = ds::makeGenerator(0, at::kCPU);
  at::Tensor x = at::randn({n, 2}, gen, at::kFloat);
  at::Tensor noise = at::empty_like(x);
  const at::Tensor t = at::full({n}, 500, at::kLong);
  const int ti = 500;
  for (auto _ : state) {
    const at::Tensor eps = s.model.predictEps(x, t);
    at::Tensor x0 = x.sub(eps, s.schedule.sqrtOneMinusAlphaBar(ti)).div_(s.schedule.sqrtAlphaBar(ti));
    x.mul_(s.schedule.posteriorMeanCoef2(ti)).add_(x0, s.schedule.posteriorMeanCoef1(ti));
    noise.normal_(0.0, 1.0, gen);
    x.add_(noise, std::sqrt(s.schedule.posteriorVariance(ti)));
    benchmark::DoNotOptimize(x.data_ptr<float>());
  }
  state.SetItemsProcessed(state.iterations() * n);
}

void BM_DdpmRun(benchmark::State& state) {
  const auto& s = setup();
  ds::SampleRequest r;
  r.kind = ds::SamplerKind::Ddpm;
  r.n = state.range(0);
  r.sampleShape = {2};
  for (auto _ : state) {
    auto traj = ds::sample(s.model, s.schedule, r);
    benchmark::DoNotOptimize(traj.final().data_ptr<float>());
    ++r.seed;
  }
  state.SetItemsProcessed(state.iterations() * r.n * 1000);
}

}  // namespace

BENCHMARK(BM_DdpmStep)->Arg(10000)->Arg(100000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DdpmRun)->Arg(10000)->Arg(100000)->Unit(benchmark::kMillisecond)->Iterations(1);

BENCHMARK_MAIN();
