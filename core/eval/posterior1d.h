#pragma once
// The lecture's posterior panel as numbers (1-D): for an observed x_t and a jump k, the exact
// reverse posterior q(x_{t-k} | x_t), the forward likelihood q(x_t | x_{t-k}) read as a density in
// x_{t-k}, the prior q(x_{t-k}) and, for k = 1, the Gaussian reverse steps of the perfect and of a
// learned ε-predictor. A job computes them for every t, so scrubbing only picks a slice.

#include "core/gmm.h"
#include "core/runtime/progress.h"
#include "core/schedule.h"

#include <memory>
#include <optional>
#include <vector>

namespace ds {

struct PosteriorCurves1D {
  int t = 0;
  int jump = 0;                     // the k used: the requested jump clamped to 1..t
  std::vector<double> x;            // shared abscissa, sorted (uniform plus dense points near each peak)
  std::vector<double> posterior;    // q(x_{t-k} | x_t)
  std::vector<double> likelihood;   // q(x_t | x_{t-k}) normalised to area 1
  std::vector<double> prior;        // q(x_{t-k})
  std::vector<double> perfectStep;  // N(μ̃(x_t, E[x_0|x_t]), β̃_t): k = 1 and t ≥ 2 only, else empty
  std::vector<double> learnedStep;  // the same from a learned ε_θ(x_t, t), when given; else empty
  int modes = 0;                    // local maxima of `posterior` above 1% of its peak
  double learnedError = 0;          // |μ_θ − μ_perfect| / √β̃_t (NaN when learnedStep is empty)
  bool empty() const { return x.empty(); }
};

// One slice. t in 1..T (t = 0 returns an empty slice: nothing to undo); `learnedEps` is ε_θ(x_t, t).
PosteriorCurves1D posteriorCurves1D(const GaussianMixture& data, const NoiseSchedule& schedule, double xt, int t,
                                    int jump, double xMin, double xMax,
                                    std::optional<double> learnedEps = std::nullopt);

struct PosteriorTable1D {
  double xt = 0;
  int jump = 1;                              // the requested k (each slice clamps it to its t)
  std::vector<PosteriorCurves1D> byT;        // index t = 0..T
  const PosteriorCurves1D* at(int t) const;  // null when t is out of range
};

// Every slice t = 0..T for one x_t and jump. `learnedEps` (optional) holds ε_θ(x_t, t) for t = 1..T,
// row t−1. Checks `cancel` between slices. With onlyT ≥ 0 only that slice is filled (the others
// stay empty): a quick first answer for the shown t while the whole table is computed.
std::shared_ptr<PosteriorTable1D> posteriorTable1D(const GaussianMixture& data, const NoiseSchedule& schedule,
                                                   double xt, int jump, double xMin, double xMax,
                                                   const std::vector<float>* learnedEps = nullptr,
                                                   const CancelToken& cancel = {}, int onlyT = -1);

}  // namespace ds
