#include "ui/lessons/lesson1djob.h"

#include "core/forward.h"
#include "core/gmm.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"
#include "ui/lessons/learnedeval.h"
#include "ui/lessons/mixtureeval.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace ds::ui {

namespace {

void throwIfCancelled(const CancelToken& cancel) {
  if (cancel.isCancelled()) throw Cancelled();
}

// Scales one stage's progress into a share [from, from+span) of the whole job, in permille.
ProgressFn stage(const ProgressFn& progress, long long from, long long span) {
  if (!progress) return {};
  return [=](const Progress& p) {
    Progress q = p;
    q.total = 1000;
    q.step = from + (p.total > 0 ? span * p.step / p.total : 0);
    progress(q);
  };
}

}  // namespace

std::shared_ptr<Lesson1DResult> runLesson1DJob(const GaussianMixture& data,
                                               const NoiseSchedule& schedule,
                                               const Lesson1DParams& params,
                                               const ProgressFn& progress,
                                               const CancelToken& cancel) {
  auto result = std::make_shared<Lesson1DResult>();
  const int T = schedule.steps();
  result->T = T;
  plotRange(data, 0, 4.0, &result->xMin, &result->xMax);
  result->gridX = params.gridX;
  result->grid = linspace(result->xMin, result->xMax, params.gridX);

  // Exact marginals q(x_t) = data diffused to ᾱ_t, one row per t.
  result->density.resize(static_cast<size_t>(T + 1) * params.gridX);
  const ProgressFn densityProgress = stage(progress, 0, 100);
  for (int t = 0; t <= T; ++t) {
    if (t % 64 == 0) {
      throwIfCancelled(cancel);
      if (densityProgress) densityProgress({t, T, "q(x_t)"});
    }
    const std::vector<double> row = density1D(data.diffused(schedule.alphaBar(t)), result->grid);
    std::copy(row.begin(), row.end(), result->density.begin() + static_cast<long>(t) * params.gridX);
  }
  std::vector<float> sorted(result->density);
  const size_t q = static_cast<size_t>(0.985 * static_cast<double>(sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(q), sorted.end());
  result->colorMax = std::max(1e-6, static_cast<double>(sorted[q]));

  // Forward chain: x_0 ~ data, then T single steps q(x_t | x_{t-1}).
  throwIfCancelled(cancel);
  const c10::Device cpu(c10::kCPU);
  at::Generator gen = makeGenerator(params.seed, cpu);
  const at::Tensor x0 = data.sample(params.particles, gen, cpu);
  result->forward = flattenTrajectory(
      recordForwardChain(schedule, x0, 1, params.seed + 1, stage(progress, 100, 300), cancel), T);

  // Reverse chain: DDPM from x_T ~ N(0, 1) with the exact ε-predictor E[ε | x_t].
  throwIfCancelled(cancel);
  ExactMixtureDenoiser exact(data, schedule);
  const Denoiser& model = params.learned ? *params.learned : static_cast<const Denoiser&>(exact);
  SampleRequest request;
  request.kind = SamplerKind::Ddpm;
  request.n = params.particles;
  request.seed = params.seed + 2;
  request.recordStride = 1;
  request.sampleShape = {1};
  request.device = cpu;
  result->reverse =
      flattenTrajectory(sample(model, schedule, request, stage(progress, 400, 600), cancel), T);
  if (params.learned) {
    result->learned = true;
    if (params.probe.size() == 1)
      result->probeEps = epsAtPoint(*params.learned, params.probe, T, cancel);
  }
  return result;
}

}  // namespace ds::ui
