#include "ui/lessons/mixture1d/mixture1djobs.h"

#include "core/eval/learned.h"
#include "core/eval/progressstage.h"
#include "core/models/mlp.h"
#include "ui/modelstore.h"

namespace ds::ui {

namespace {

Mixture1DChainsRequest chainsRequest(const Mixture1DSnapshot& snapshot, const c10::Device& device) {
  Mixture1DChainsRequest request;
  request.data = snapshot.data;
  request.schedule = snapshot.schedule;
  request.particles = snapshot.particles;
  request.seed = snapshot.seed;
  request.denoiser = snapshot.learned ? snapshot.learned->denoiser : nullptr;
  request.device = device;
  // ModelStore publishes CPU copies of learned networks; on another device the job (this runs on
  // the worker) takes its own copy there, so the chain runs where the status bar says it does.
  if (snapshot.learned && snapshot.learned->model && device != c10::Device(c10::kCPU)) {
    auto copy = snapshot.learned->model->clone();
    copy->to(device);
    request.denoiser = std::move(copy);
  } else if (request.denoiser) {
    request.device = c10::Device(c10::kCPU);
  }
  return request;
}

}  // namespace

std::shared_ptr<const PosteriorTable1D> runPosterior1D(const Mixture1DSnapshot& snapshot, double xMin, double xMax,
                                                       const CancelToken& cancel, int onlyT) {
  const NoiseSchedule schedule(snapshot.schedule);
  std::shared_ptr<const std::vector<float>> eps;
  if (snapshot.learned && snapshot.learned->denoiser)
    eps = epsAtPoint(*snapshot.learned->denoiser, {snapshot.xt}, schedule.steps(), cancel);
  return posteriorTable1D(snapshot.data, schedule, snapshot.xt, snapshot.jump, xMin, xMax, eps.get(), cancel, onlyT);
}

Mixture1DResult runMixture1DChains(const Mixture1DSnapshot& snapshot, const c10::Device& device,
                                   const ProgressFn& progress, const CancelToken& cancel) {
  Mixture1DResult result;
  result.snapshot = snapshot;
  result.schedule = NoiseSchedule(snapshot.schedule);
  auto chains = computeMixture1DChains(chainsRequest(snapshot, device), progressStage(progress, 0, 800), cancel);
  result.posterior = runPosterior1D(snapshot, chains->xMin, chains->xMax, cancel);
  if (progress) progress({1000, 1000, "posterior"});
  result.chains = std::move(chains);
  return result;
}

}  // namespace ds::ui
