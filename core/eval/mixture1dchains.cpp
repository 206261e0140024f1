#include "core/eval/mixture1dchains.h"

#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/forward.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>

#include <algorithm>

namespace ds {

namespace {

// A high percentile of the table, so that the narrow spikes of q(x_t) at small t saturate the
// colour scale instead of washing out every later row.
double colourTop(const std::vector<float>& table) {
  if (table.empty()) return 1.0;
  std::vector<float> sorted(table);
  const size_t q = static_cast<size_t>(0.985 * static_cast<double>(sorted.size() - 1));
  std::nth_element(sorted.begin(), sorted.begin() + static_cast<long>(q), sorted.end());
  return std::max(1e-6, static_cast<double>(sorted[q]));
}

ParticlePaths forwardChain(const Mixture1DChainsRequest& request, const NoiseSchedule& schedule,
                           const ProgressFn& progress, const CancelToken& cancel) {
  at::Generator gen = makeGenerator(request.seed, request.device);
  const at::Tensor x0 = request.data.sample(request.particles, gen, request.device);
  return flattenTrajectory(recordForwardChain(schedule, x0, 1, request.seed + 1, progress, cancel), schedule.steps());
}

ParticlePaths reverseChain(const Mixture1DChainsRequest& request, const NoiseSchedule& schedule,
                           const ProgressFn& progress, const CancelToken& cancel) {
  const ExactMixtureDenoiser exact(request.data, schedule);
  const Denoiser& model = request.denoiser ? *request.denoiser : static_cast<const Denoiser&>(exact);
  SampleRequest sampler;
  sampler.kind = SamplerKind::Ddpm;
  sampler.n = request.particles;
  sampler.seed = request.seed + 2;
  sampler.recordStride = 1;
  sampler.sampleShape = {1};
  sampler.device = request.device;
  return flattenTrajectory(sample(model, schedule, sampler, progress, cancel), schedule.steps());
}

}  // namespace

std::vector<float> diffusedDensityTable1D(const GaussianMixture& data, const NoiseSchedule& schedule,
                                          const std::vector<double>& grid, const ProgressFn& progress,
                                          const CancelToken& cancel) {
  const int T = schedule.steps();
  std::vector<float> table(static_cast<size_t>(T + 1) * grid.size());
  for (int t = 0; t <= T; ++t) {
    if (t % 64 == 0) {
      throwIfCancelled(cancel);
      if (progress) progress({t, T, "q(x_t)"});
    }
    const std::vector<double> row = density1D(data.diffused(schedule.alphaBar(t)), grid);
    std::copy(row.begin(), row.end(), table.begin() + static_cast<long>(t * grid.size()));
  }
  return table;
}

std::shared_ptr<Mixture1DChains> computeMixture1DChains(const Mixture1DChainsRequest& request,
                                                        const ProgressFn& progress, const CancelToken& cancel) {
  const NoiseSchedule schedule(request.schedule);
  auto result = std::make_shared<Mixture1DChains>();
  result->T = schedule.steps();
  plotRange(request.data, 0, 4.0, &result->xMin, &result->xMax);
  result->gridX = request.gridX;
  result->grid = linspace(result->xMin, result->xMax, request.gridX);
  result->gridX = static_cast<int>(result->grid.size());
  result->density =
      diffusedDensityTable1D(request.data, schedule, result->grid, progressStage(progress, 0, 100), cancel);
  result->colorMax = colourTop(result->density);
  throwIfCancelled(cancel);
  result->forward = forwardChain(request, schedule, progressStage(progress, 100, 300), cancel);
  throwIfCancelled(cancel);
  result->reverse = reverseChain(request, schedule, progressStage(progress, 400, 600), cancel);
  result->learned = request.denoiser != nullptr;
  return result;
}

}  // namespace ds
