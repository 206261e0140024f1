#include "ui/lessons/likelihood/scorejobs.h"

#include "core/eval/mixture2dchains.h"
#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/models/denoiser.h"
#include "core/runtime/rng.h"
#include "core/sampling/langevin.h"
#include "core/training/metrics.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ds::ui {

bool ScoreSettings::operator==(const ScoreSettings& o) const {
  return mode == o.mode && particles == o.particles && stepsPerLevel == o.stepsPerLevel && snrRule == o.snrRule &&
         snr == o.snr && stepSize == o.stepSize && levels == o.levels && denoiseFinal == o.denoiseFinal &&
         startAtPoint == o.startAtPoint && start == o.start && seed == o.seed;
}

std::vector<int> scoreLevels(const ScoreInputs& inputs) {
  const int T = inputs.schedule.steps;
  if (inputs.settings.mode == LangevinMode::FixedT) return {std::clamp(inputs.t, 1, T)};
  return annealedLevels(T, std::clamp(inputs.settings.levels, 2, T));
}

double LangevinFrames::distanceAt(int frame) const {
  for (int k = std::min(frame, static_cast<int>(distance.size()) - 1); k >= 0; --k)
    if (!std::isnan(distance[static_cast<size_t>(k)])) return distance[static_cast<size_t>(k)];
  return std::numeric_limits<double>::quiet_NaN();
}

int ScoreFields::indexFor(int t) const {
  int best = -1;
  for (int i = 0; i < static_cast<int>(levels.size()); ++i) {
    const int d = std::abs(levels[static_cast<size_t>(i)].t - t);
    if (best < 0) {
      best = i;
      continue;
    }
    const int bd = std::abs(levels[static_cast<size_t>(best)].t - t);
    if (d < bd || (d == bd && levels[static_cast<size_t>(i)].t < levels[static_cast<size_t>(best)].t)) best = i;
  }
  return best;
}

namespace {

// The denoiser whose score the page shows, and the device its inputs live on: a learned network is
// the Train lesson's CPU copy (ModelStore), so it runs on the CPU; the exact formula runs anywhere.
struct Model {
  std::shared_ptr<const Denoiser> denoiser;
  c10::Device device = c10::Device(c10::kCPU);
};

Model modelFor(const ScoreInputs& inputs, const NoiseSchedule& schedule, const c10::Device& device) {
  if (inputs.learned) return {inputs.learned, c10::Device(c10::kCPU)};
  return {std::make_shared<ExactMixtureDenoiser>(inputs.mixture, schedule), device};
}

std::vector<double> toDoubles(const at::Tensor& t) {
  const at::Tensor c = t.to(at::kCPU, at::kDouble).contiguous();
  return std::vector<double>(c.data_ptr<double>(), c.data_ptr<double>() + c.numel());
}

std::vector<float> toFloats(const std::vector<double>& v) { return std::vector<float>(v.begin(), v.end()); }

at::Tensor pointsTensor(const std::vector<double>& flat, int dim) {
  return at::tensor(flat, at::kDouble).view({-1, static_cast<long>(dim)});
}

}  // namespace

ScoreFields computeScoreFields(const ScoreInputs& inputs, const std::vector<int>& levels, const c10::Device& device,
                               const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const NoiseSchedule schedule(inputs.schedule);
  const GaussianMixture& data = inputs.mixture;
  ScoreFields out;
  out.dim = data.dim();
  out.T = schedule.steps();
  out.learned = inputs.learned != nullptr;
  if (out.dim != 1 && out.dim != 2) throw std::invalid_argument("the score page shows 1-D and 2-D mixtures only");

  std::vector<double> densityPoints;  // where q(x_t) is drawn
  std::vector<double> arrowPoints;    // where the score is drawn
  if (out.dim == 2) {
    planeSquare(data, &out.lo, &out.hi);
    out.grid = kScorePlaneGrid;
    out.arrowGrid = kScoreArrowGrid;
    densityPoints = squareGrid(out.lo, out.hi, out.grid);
    out.fieldPoints = squareGrid(out.lo, out.hi, out.arrowGrid);
    arrowPoints = out.fieldPoints;
  } else {
    plotRange(data, 0, 3.0, &out.lo, &out.hi);
    out.grid = kScoreCurvePoints;
    out.xs = linspace(out.lo, out.hi, out.grid);
    densityPoints = out.xs;
    arrowPoints = out.xs;
  }
  const Model model = modelFor(inputs, schedule, device);
  const at::Tensor arrows = pointsTensor(arrowPoints, out.dim);
  const at::Tensor arrowsModel = arrows.to(model.device, at::kFloat);

  for (size_t i = 0; i < levels.size(); ++i) {
    throwIfCancelled(cancel);
    const int t = levels[i];
    if (t < 0 || t > out.T) throw std::invalid_argument("score level t = " + std::to_string(t) + " is outside 0..T");
    ScoreLevelField level;
    level.t = t;
    const GaussianMixture diffused = data.diffused(schedule.alphaBar(t));
    level.density = toFloats(out.dim == 2 ? density2D(diffused, densityPoints) : density1D(diffused, densityPoints));
    if (t >= 1) {
      // ∇log q(x_t) = −ε̂/√(1−ᾱ_t) (langevin.h) — the same quantity the Langevin updates use.
      level.score = toDoubles(scoreAt(*model.denoiser, schedule, arrowsModel, t));
      if (out.learned) level.exactScore = toDoubles(diffused.score(arrows));
    }
    out.levels.push_back(std::move(level));
    if (progress)
      progress(Progress{static_cast<long long>(i + 1), static_cast<long long>(levels.size()), "score field"});
  }
  return out;
}

namespace {

std::vector<double> column(const std::vector<float>& x) { return std::vector<double>(x.begin(), x.end()); }

// Sliced W₂ with 32 directions and a 2000-point reference: a read-out, not a benchmark (each
// frame's estimate sorts the reference's projections again; more made the job several times longer).
constexpr int kProjections = 32;
constexpr int kReferencePoints = 2000;
constexpr int kDistanceFrames = 100;  // frames whose distance is computed at most (evenly spaced, and the last)

// The distance of a set of particles to the target: KS against the exact CDF (1-D) or sliced W₂
// against an exact reference sample (2-D, fixed projection seed so frames are comparable).
double distanceTo(const std::vector<float>& x, int dim, const GaussianMixture& target, const at::Tensor& reference) {
  if (dim == 1) return ksDistance(column(x), target);
  const at::Tensor points =
      at::from_blob(const_cast<float*>(x.data()), {static_cast<long>(x.size() / 2), 2}, at::kFloat);
  return slicedWasserstein(points, reference, kProjections, 0);
}

}  // namespace

LangevinFrames runLangevinFrames(const ScoreInputs& inputs, const c10::Device& device, const ProgressFn& progress,
                                 const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const NoiseSchedule schedule(inputs.schedule);
  const ScoreSettings& s = inputs.settings;
  const int dim = inputs.mixture.dim();
  if (dim != 1 && dim != 2) throw std::invalid_argument("the score page shows 1-D and 2-D mixtures only");
  if (s.particles < 1) throw std::invalid_argument("the number of particles must be at least 1");
  if (s.startAtPoint && static_cast<int>(s.start.size()) < dim)
    throw std::invalid_argument("the start point needs " + std::to_string(dim) + " coordinates");

  LangevinFrames out;
  out.dim = dim;
  out.n = s.particles;
  out.levels = scoreLevels(inputs);
  out.stepsPerLevel = s.stepsPerLevel;
  out.totalUpdates = static_cast<long long>(out.levels.size()) * s.stepsPerLevel;
  out.stride = static_cast<int>(std::max<long long>(1, (out.totalUpdates + kScoreMaxFrames - 1) / kScoreMaxFrames));

  const Model model = modelFor(inputs, schedule, device);
  LangevinRequest request;
  request.levels = out.levels;
  request.stepsPerLevel = s.stepsPerLevel;
  request.stepSize = s.snrRule ? 0.0 : s.stepSize;
  request.snr = s.snr;
  request.n = s.particles;
  request.seed = s.seed;
  request.sampleShape = {dim};
  request.device = model.device;
  request.recordStride = out.stride;
  request.denoiseFinal = s.mode == LangevinMode::Annealed && s.denoiseFinal;
  if (s.startAtPoint) {
    const std::vector<double> p(s.start.begin(), s.start.begin() + dim);
    request.xStart = at::tensor(p, at::kFloat).view({1, dim}).expand({s.particles, dim}).contiguous().to(model.device);
  }
  const LangevinRun run = langevin(*model.denoiser, schedule, request, progressStage(progress, 0, 850), cancel);
  out.evaluations = run.evaluations;

  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (int k = 0; k < run.trajectory.size(); ++k) {
    const at::Tensor x = run.trajectory.x[static_cast<size_t>(k)].to(at::kCPU, at::kFloat).contiguous();
    out.x.emplace_back(x.data_ptr<float>(), x.data_ptr<float>() + x.numel());
    const int t = run.trajectory.t[static_cast<size_t>(k)];
    const long long u = run.iteration[static_cast<size_t>(k)];
    out.t.push_back(t);
    out.update.push_back(u);
    out.delta.push_back(t == 0 || u == 0 ? nan : run.stepSizes[static_cast<size_t>(u - 1)]);
  }

  // The target: q(x_t) at a fixed t; the data when annealing (the run ends at t = 1 or at x̂_0).
  out.targetT = s.mode == LangevinMode::FixedT ? out.levels.front() : 0;
  const GaussianMixture target = inputs.mixture.diffused(schedule.alphaBar(out.targetT));
  at::Generator refGen = makeGenerator(s.seed + 1, c10::Device(c10::kCPU));
  at::Generator floorGen = makeGenerator(s.seed + 2, c10::Device(c10::kCPU));
  at::Tensor reference;
  if (dim == 2) reference = target.sample(kReferencePoints, refGen, c10::Device(c10::kCPU));
  const at::Tensor perfect = target.sample(s.particles, floorGen, c10::Device(c10::kCPU)).contiguous();
  out.floor = distanceTo(std::vector<float>(perfect.data_ptr<float>(), perfect.data_ptr<float>() + perfect.numel()),
                         dim, target, reference);
  const int frames = out.frames();
  const int every = std::max(1, (frames + kDistanceFrames - 1) / kDistanceFrames);
  out.distance.assign(static_cast<size_t>(frames), nan);
  for (int k = 0; k < frames; ++k) {
    if (k % every != 0 && k != frames - 1) continue;
    throwIfCancelled(cancel);
    out.distance[static_cast<size_t>(k)] = distanceTo(out.x[static_cast<size_t>(k)], dim, target, reference);
    if (progress) progress(Progress{850 + 150LL * (k + 1) / frames, 1000, "distance"});
  }
  return out;
}

}  // namespace ds::ui
