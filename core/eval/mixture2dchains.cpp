#include "ui/lessons/lesson2djob.h"

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

void planeSquare(const GaussianMixture& data, double* lo, double* hi) {
  double xlo, xhi, ylo, yhi;
  plotRange(data, 0, 3.0, &xlo, &xhi);
  plotRange(data, 1, 3.0, &ylo, &yhi);
  *lo = std::min(xlo, ylo);
  *hi = std::max(xhi, yhi);
}

std::vector<double> squareGrid(double lo, double hi, int grid) {
  const double cell = (hi - lo) / grid;
  std::vector<double> points;
  points.reserve(2 * static_cast<size_t>(grid) * grid);
  for (int j = 0; j < grid; ++j)
    for (int i = 0; i < grid; ++i) {
      points.push_back(lo + (i + 0.5) * cell);
      points.push_back(lo + (j + 0.5) * cell);
    }
  return points;
}

std::shared_ptr<Lesson2DResult> runLesson2DJob(const GaussianMixture& data, const NoiseSchedule& schedule,
                                               const Lesson2DParams& params, const ProgressFn& progress,
                                               const CancelToken& cancel) {
  auto result = std::make_shared<Lesson2DResult>();
  const int T = schedule.steps();
  result->T = T;
  const c10::Device cpu(c10::kCPU);

  // Progress of the two stages as one 0..1000 scale.
  auto stage = [&](long long from, long long span) -> ProgressFn {
    if (!progress) return {};
    return [=](const Progress& p) {
      Progress q = p;
      q.total = 1000;
      q.step = from + (p.total > 0 ? span * p.step / p.total : 0);
      progress(q);
    };
  };

  // Exact q(x_t) = data diffused to ᾱ_t on the plane's grid, every t.
  planeSquare(data, &result->lo, &result->hi);
  result->grid = params.grid;
  const std::vector<double> points = squareGrid(result->lo, result->hi, params.grid);
  const size_t cells = static_cast<size_t>(params.grid) * params.grid;
  result->density.resize(static_cast<size_t>(T + 1) * cells);
  const ProgressFn densityProgress = stage(0, 300);
  for (int t = 0; t <= T; ++t) {
    if (t % 32 == 0) {
      if (cancel.isCancelled()) throw Cancelled();
      if (densityProgress) densityProgress({t, T, "q(x_t)"});
    }
    const std::vector<double> d = density2D(data.diffused(schedule.alphaBar(t)), points);
    std::copy(d.begin(), d.end(), result->density.begin() + static_cast<long>(t * cells));
  }

  at::Generator gen = makeGenerator(params.seed, cpu);
  const at::Tensor x0 = data.sample(params.particles, gen, cpu);
  result->forward = flattenTrajectory(recordForwardChain(schedule, x0, 1, params.seed + 1, stage(300, 300), cancel), T);
  if (cancel.isCancelled()) throw Cancelled();

  ExactMixtureDenoiser exact(data, schedule);
  const Denoiser& model = params.learned ? *params.learned : static_cast<const Denoiser&>(exact);
  SampleRequest request;
  request.kind = params.ddim ? SamplerKind::Ddim : SamplerKind::Ddpm;
  request.samplingSteps = params.ddim ? params.ddimSteps : 0;
  request.eta = params.eta;
  request.n = params.particles;
  request.seed = params.seed + 2;
  request.recordStride = 1;
  request.sampleShape = {2};
  request.device = cpu;
  result->reverse = flattenTrajectory(sample(model, schedule, request, stage(600, params.learned ? 300 : 400), cancel), T);
  if (params.learned) {
    result->learned = true;
    result->learnedField =
        learnedNegEpsField(*params.learned, squareGrid(result->lo, result->hi, params.fieldGrid), T, cancel);
    if (params.probe.size() == 2) result->probeEps = epsAtPoint(*params.learned, params.probe, T, cancel);
    if (progress) progress({1000, 1000, "learned field"});
  }
  return result;
}

}  // namespace ds::ui
