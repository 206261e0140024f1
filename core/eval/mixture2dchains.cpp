#include "core/eval/mixture2dchains.h"

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

void densityTable(const GaussianMixture& data, const NoiseSchedule& schedule, Mixture2DChains& out,
                  const ProgressFn& progress, const CancelToken& cancel) {
  const int T = schedule.steps();
  const std::vector<double> points = squareGrid(out.lo, out.hi, out.grid);
  const size_t cells = static_cast<size_t>(out.grid) * out.grid;
  out.density.resize(static_cast<size_t>(T + 1) * cells);
  for (int t = 0; t <= T; ++t) {
    if (t % 32 == 0) {
      throwIfCancelled(cancel);
      if (progress) progress({t, T, "q(x_t)"});
    }
    const std::vector<double> d = density2D(data.diffused(schedule.alphaBar(t)), points);
    std::copy(d.begin(), d.end(), out.density.begin() + static_cast<long>(t * cells));
  }
}

// Both arrow fields for every t. −E[ε | x_t] is left at zero for t = 0: there is no noise to predict.
void fieldTables(const GaussianMixture& data, const NoiseSchedule& schedule, Mixture2DChains& out,
                 const CancelToken& cancel) {
  const int T = schedule.steps();
  const size_t n = out.fieldPoints.size();
  out.score.assign(static_cast<size_t>(T + 1) * n, 0.0f);
  out.negEps.assign(static_cast<size_t>(T + 1) * n, 0.0f);
  for (int t = 0; t <= T; ++t) {
    if (t % 64 == 0) throwIfCancelled(cancel);
    const double alphaBar = schedule.alphaBar(t);
    const std::vector<double> s = field2D(data, alphaBar, out.fieldPoints, FieldKind::Score);
    std::copy(s.begin(), s.end(), out.score.begin() + static_cast<long>(t * n));
    if (t == 0) continue;
    const std::vector<double> e = field2D(data, alphaBar, out.fieldPoints, FieldKind::NegativeEps);
    std::copy(e.begin(), e.end(), out.negEps.begin() + static_cast<long>(t * n));
  }
}

ParticlePaths forwardChain(const Mixture2DChainsRequest& request, const NoiseSchedule& schedule,
                           const ProgressFn& progress, const CancelToken& cancel) {
  at::Generator gen = makeGenerator(request.seed, request.device);
  const at::Tensor x0 = request.data.sample(request.particles, gen, request.device);
  return flattenTrajectory(recordForwardChain(schedule, x0, 1, request.seed + 1, progress, cancel), schedule.steps());
}

ParticlePaths reverseChain(const Mixture2DChainsRequest& request, const NoiseSchedule& schedule,
                           const ProgressFn& progress, const CancelToken& cancel) {
  const ExactMixtureDenoiser exact(request.data, schedule);
  const Denoiser& model = request.denoiser ? *request.denoiser : static_cast<const Denoiser&>(exact);
  SampleRequest sampler;
  sampler.kind = request.ddim ? SamplerKind::Ddim : SamplerKind::Ddpm;
  sampler.samplingSteps = request.ddim ? std::min(request.ddimSteps, schedule.steps()) : 0;
  sampler.eta = request.eta;
  sampler.n = request.particles;
  sampler.seed = request.seed + 2;
  sampler.recordStride = 1;
  sampler.sampleShape = {2};
  sampler.device = request.device;
  return flattenTrajectory(sample(model, schedule, sampler, progress, cancel), schedule.steps());
}

}  // namespace

void planeSquare(const GaussianMixture& data, double* lo, double* hi) {
  double xlo, xhi, ylo, yhi;
  plotRange(data, 0, 3.0, &xlo, &xhi);
  plotRange(data, 1, 3.0, &ylo, &yhi);
  *lo = std::min(xlo, ylo);
  *hi = std::max(xhi, yhi);
}

std::vector<double> squareGrid(double lo, double hi, int grid) { return cellCentres2D(lo, lo, hi - lo, grid); }

std::shared_ptr<Mixture2DChains> computeMixture2DChains(const Mixture2DChainsRequest& request,
                                                        const ProgressFn& progress, const CancelToken& cancel) {
  const NoiseSchedule schedule(request.schedule);
  auto result = std::make_shared<Mixture2DChains>();
  result->T = schedule.steps();
  planeSquare(request.data, &result->lo, &result->hi);
  result->grid = request.grid;
  densityTable(request.data, schedule, *result, progressStage(progress, 0, 250), cancel);
  result->fieldGrid = request.fieldGrid;
  result->fieldPoints = squareGrid(result->lo, result->hi, request.fieldGrid);
  fieldTables(request.data, schedule, *result, cancel);
  result->forward = forwardChain(request, schedule, progressStage(progress, 300, 300), cancel);
  throwIfCancelled(cancel);
  result->reverse = reverseChain(request, schedule, progressStage(progress, 600, 400), cancel);
  result->learned = request.denoiser != nullptr;
  return result;
}

}  // namespace ds
