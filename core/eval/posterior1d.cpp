#include "core/eval/posterior1d.h"

#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/posterior.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ds {

namespace {

// Adds dense points around each component (± 6 std) so narrow k = 1 posteriors are resolved.
void refine(std::vector<double>& grid, const GaussianMixture& m, double lo, double hi) {
  for (const auto& c : m.components()) {
    if (c.weight < 1e-5) continue;
    const double a = std::max(lo, c.mean[0] - 6 * c.std), b = std::min(hi, c.mean[0] + 6 * c.std);
    if (b <= a) continue;
    const auto dense = linspace(a, b, 121);
    grid.insert(grid.end(), dense.begin(), dense.end());
  }
}

std::vector<double> abscissa(double xMin, double xMax, const std::vector<const GaussianMixture*>& curves) {
  std::vector<double> grid = linspace(xMin, xMax, 400);
  for (const GaussianMixture* m : curves)
    if (m) refine(grid, *m, xMin, xMax);
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

}  // namespace

PosteriorCurves1D posteriorCurves1D(const GaussianMixture& data, const NoiseSchedule& schedule, double xt, int t,
                                    int jump, double xMin, double xMax, std::optional<double> learnedEps) {
  PosteriorCurves1D out;
  out.t = t;
  out.learnedError = std::numeric_limits<double>::quiet_NaN();
  if (t < 1 || t > schedule.steps()) return out;
  const int k = std::clamp(jump, 1, t);
  out.jump = k;
  const GaussianMixture post = exactReversePosterior(data, schedule, {xt}, t, k);
  const GaussianMixture likelihood = forwardLikelihood(schedule, {xt}, t, k);
  const GaussianMixture prior = data.diffused(schedule.alphaBar(t - k));
  std::optional<GaussianMixture> step, learned;
  if (k == 1 && t >= 2) {
    step = idealGaussianStep(data, schedule, {xt}, t);
    if (learnedEps) learned = gaussianStepFromEps(schedule, {xt}, {*learnedEps}, t);
  }
  out.x = abscissa(xMin, xMax, {&post, &likelihood, step ? &*step : nullptr, learned ? &*learned : nullptr});
  out.posterior = density1D(post, out.x);
  out.likelihood = density1D(likelihood, out.x);
  out.prior = density1D(prior, out.x);
  if (step) out.perfectStep = density1D(*step, out.x);
  if (learned) {
    out.learnedStep = density1D(*learned, out.x);
    const auto& a = learned->components()[0];
    const auto& b = step->components()[0];
    out.learnedError = std::abs(a.mean[0] - b.mean[0]) / b.std;
  }
  out.modes = countModes1D(out.posterior, 0.01);
  return out;
}

const PosteriorCurves1D* PosteriorTable1D::at(int t) const {
  if (t < 0 || t >= static_cast<int>(byT.size())) return nullptr;
  return &byT[static_cast<size_t>(t)];
}

std::shared_ptr<PosteriorTable1D> posteriorTable1D(const GaussianMixture& data, const NoiseSchedule& schedule,
                                                   double xt, int jump, double xMin, double xMax,
                                                   const std::vector<float>* learnedEps, const CancelToken& cancel,
                                                   int onlyT) {
  auto table = std::make_shared<PosteriorTable1D>();
  table->xt = xt;
  table->jump = jump;
  const int T = schedule.steps();
  table->byT.resize(static_cast<size_t>(T) + 1);
  for (int t = 1; t <= T; ++t) {
    if (onlyT >= 0 && t != onlyT) continue;
    if (t % 32 == 0) throwIfCancelled(cancel);
    std::optional<double> eps;
    if (learnedEps && learnedEps->size() >= static_cast<size_t>(t)) eps = (*learnedEps)[static_cast<size_t>(t - 1)];
    table->byT[static_cast<size_t>(t)] = posteriorCurves1D(data, schedule, xt, t, jump, xMin, xMax, eps);
  }
  return table;
}

}  // namespace ds
