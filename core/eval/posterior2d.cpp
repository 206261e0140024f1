#include "core/eval/posterior2d.h"

#include "core/eval/mixtureeval.h"
#include "core/eval/progressstage.h"
#include "core/posterior.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ds {

namespace {

// Local window: every component that carries weight, ± 3.5 std, made square.
void window(const GaussianMixture& post, PosteriorMap2D& out) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& c : post.components()) {
    if (c.weight < 1e-3) continue;
    x0 = std::min(x0, c.mean[0] - 3.5 * c.std);
    x1 = std::max(x1, c.mean[0] + 3.5 * c.std);
    y0 = std::min(y0, c.mean[1] - 3.5 * c.std);
    y1 = std::max(y1, c.mean[1] + 3.5 * c.std);
  }
  out.cx = 0.5 * (x0 + x1);
  out.cy = 0.5 * (y0 + y1);
  out.half = 0.5 * std::max(x1 - x0, y1 - y0);
}

std::array<double, 3> stepOf(const GaussianMixture& m) {
  const auto& c = m.components()[0];
  return {c.mean[0], c.mean[1], c.std};
}

}  // namespace

PosteriorMap2D posteriorMap2D(const GaussianMixture& data, const NoiseSchedule& schedule, double x, double y, int t,
                              int jump, int grid, const float* learnedEps) {
  PosteriorMap2D out;
  out.t = t;
  out.learnedError = std::numeric_limits<double>::quiet_NaN();
  if (t < 1 || t > schedule.steps()) return out;
  const int k = std::clamp(jump, 1, t);
  out.jump = k;
  out.grid = grid;
  const GaussianMixture post = exactReversePosterior(data, schedule, {x, y}, t, k);
  window(post, out);
  const std::vector<double> d =
      density2D(post, cellCentres2D(out.cx - out.half, out.cy - out.half, 2 * out.half, grid));
  out.top = *std::max_element(d.begin(), d.end());
  out.modes = countPeaks2D(d, grid, 0.02);
  out.density.assign(d.begin(), d.end());  // float: a table for every t stays ~20 MB
  if (k == 1 && t >= 2) {
    out.perfectStep = stepOf(idealGaussianStep(data, schedule, {x, y}, t));
    if (learnedEps) {
      out.learnedStep = stepOf(gaussianStepFromEps(schedule, {x, y}, {learnedEps[0], learnedEps[1]}, t));
      const auto& a = *out.learnedStep;
      const auto& b = *out.perfectStep;
      out.learnedError = std::hypot(a[0] - b[0], a[1] - b[1]) / b[2];
    }
  }
  return out;
}

const PosteriorMap2D* PosteriorTable2D::at(int t) const {
  if (t < 0 || t >= static_cast<int>(byT.size())) return nullptr;
  return &byT[static_cast<size_t>(t)];
}

std::shared_ptr<PosteriorTable2D> posteriorTable2D(const GaussianMixture& data, const NoiseSchedule& schedule, double x,
                                                   double y, int jump, int grid, const std::vector<float>* learnedEps,
                                                   const CancelToken& cancel, int onlyT) {
  auto table = std::make_shared<PosteriorTable2D>();
  table->x = x;
  table->y = y;
  table->jump = jump;
  const int T = schedule.steps();
  table->byT.resize(static_cast<size_t>(T) + 1);
  for (int t = 1; t <= T; ++t) {
    if (onlyT >= 0 && t != onlyT) continue;
    if (t % 16 == 0) throwIfCancelled(cancel);
    const float* eps = nullptr;
    if (learnedEps && learnedEps->size() >= 2 * static_cast<size_t>(t)) eps = learnedEps->data() + 2 * (t - 1);
    table->byT[static_cast<size_t>(t)] = posteriorMap2D(data, schedule, x, y, t, jump, grid, eps);
  }
  return table;
}

}  // namespace ds
