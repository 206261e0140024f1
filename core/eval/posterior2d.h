#pragma once
// The 2-D lesson's posterior panel as numbers: the exact reverse posterior q(x_{t-k} | x_t) around
// a clicked x_t on a local square that follows it (zoomed in for k = 1, where it is a small round
// Gaussian, out for big jumps, where it splits), its mode count, and for k = 1 the Gaussian steps
// of the perfect and of a learned ε-predictor. A job computes them for every t.

#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace ds {

struct PosteriorMap2D {
  int t = 0;
  int jump = 0;                     // the k used: the requested jump clamped to 1..t
  int grid = 0;                     // cells per axis
  double cx = 0, cy = 0, half = 1;  // the square [cx ± half] × [cy ± half]
  std::vector<float> density;       // [grid²], cell centres, x fastest
  double top = 0;                   // the largest value of density
  int modes = 0;                    // local maxima above 2% of the peak (8-neighbourhood)
  // k = 1, t ≥ 2: the steps N(μ, β̃_t I) as (mean x, mean y, std).
  std::optional<std::array<double, 3>> perfectStep;
  std::optional<std::array<double, 3>> learnedStep;
  double learnedError = 0;  // |μ_θ − μ_perfect| / √β̃_t (NaN without a learned step)
  bool empty() const { return density.empty(); }
};

// One slice (t = 0 gives an empty map). `learnedEps` is ε_θ(x_t, t) (2 values) when given.
PosteriorMap2D posteriorMap2D(const GaussianMixture& data, const NoiseSchedule& schedule, double x, double y, int t,
                              int jump, int grid, const float* learnedEps = nullptr);

struct PosteriorTable2D {
  double x = 0, y = 0;
  int jump = 1;
  std::vector<PosteriorMap2D> byT;  // index t = 0..T
  const PosteriorMap2D* at(int t) const;
};

// Every slice t = 0..T; `learnedEps` (optional) is [T][2], row t−1. Checks `cancel` between slices.
// With onlyT ≥ 0 only that slice is filled: a quick first answer while the whole table is computed.
std::shared_ptr<PosteriorTable2D> posteriorTable2D(const GaussianMixture& data, const NoiseSchedule& schedule, double x,
                                                   double y, int jump, int grid,
                                                   const std::vector<float>* learnedEps = nullptr,
                                                   const CancelToken& cancel = {}, int onlyT = -1);

}  // namespace ds
