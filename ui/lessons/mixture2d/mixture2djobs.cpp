#include "ui/lessons/mixture2d/mixture2djobs.h"

#include "core/eval/learned.h"
#include "core/eval/progressstage.h"
#include "core/models/mlp.h"
#include "ui/modelstore.h"

#include <cmath>

namespace ds::ui {

namespace {

Mixture2DChainsRequest chainsRequest(const Mixture2DSnapshot& snapshot, const c10::Device& device) {
  Mixture2DChainsRequest request;
  request.data = snapshot.data;
  request.schedule = snapshot.schedule;
  request.particles = snapshot.particles;
  request.grid = kPlaneGrid;
  request.fieldGrid = kFieldGrid;
  request.seed = snapshot.seed;
  request.ddim = snapshot.sampler.ddim;
  request.ddimSteps = snapshot.sampler.ddimSteps;
  request.eta = snapshot.sampler.eta;
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

// −ε_θ/√(1−ᾱ_t) row by row; t = 0 stays zero (no noise to predict, and a network takes t ≥ 1 only).
std::vector<float> learnedScore(const std::vector<float>& negEps, const NoiseSchedule& schedule) {
  const int T = schedule.steps();
  const size_t row = negEps.size() / static_cast<size_t>(T + 1);
  std::vector<float> score(negEps.size(), 0.0f);
  for (int t = 1; t <= T; ++t) {
    const double factor = 1.0 / std::sqrt(1.0 - schedule.alphaBar(t));
    for (size_t i = t * row; i < (t + 1) * row; ++i) score[i] = static_cast<float>(factor * negEps[i]);
  }
  return score;
}

}  // namespace

std::shared_ptr<const PosteriorTable2D> runPosterior2D(const Mixture2DSnapshot& snapshot, const CancelToken& cancel,
                                                       int onlyT) {
  if (!snapshot.hasXt) return nullptr;
  const NoiseSchedule schedule(snapshot.schedule);
  std::shared_ptr<const std::vector<float>> eps;
  if (snapshot.learned && snapshot.learned->denoiser)
    eps = epsAtPoint(*snapshot.learned->denoiser, {snapshot.x, snapshot.y}, schedule.steps(), cancel);
  return posteriorTable2D(snapshot.data, schedule, snapshot.x, snapshot.y, snapshot.jump, kPosteriorGrid, eps.get(),
                          cancel, onlyT);
}

Mixture2DResult runMixture2DChains(const Mixture2DSnapshot& snapshot, const c10::Device& device,
                                   const ProgressFn& progress, const CancelToken& cancel) {
  Mixture2DResult result;
  result.snapshot = snapshot;
  result.schedule = NoiseSchedule(snapshot.schedule);
  const bool learned = snapshot.learned && snapshot.learned->denoiser;
  auto chains =
      computeMixture2DChains(chainsRequest(snapshot, device), progressStage(progress, 0, learned ? 700 : 800), cancel);
  if (learned) {
    std::vector<float> negEps = learnedNegEpsField(*snapshot.learned->denoiser, chains->fieldPoints, chains->T, cancel);
    result.learnedScore = std::make_shared<const std::vector<float>>(learnedScore(negEps, result.schedule));
    result.learnedNegEps = std::make_shared<const std::vector<float>>(std::move(negEps));
    if (progress) progress({850, 1000, "learned field"});
  }
  result.posterior = runPosterior2D(snapshot, cancel);
  if (progress) progress({1000, 1000, "posterior"});
  result.chains = std::move(chains);
  return result;
}

}  // namespace ds::ui
