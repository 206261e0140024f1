#pragma once
// Two explicit solvers for dy/ds = f(y, s) on a batch y [N, M] (one row per point): fixed-step
// Heun over a grid of s, and Dormand–Prince 5(4) (Dormand & Prince 1980; Hairer, Nørsett & Wanner,
// "Solving ODEs I", II.4–5) with its embedded 4th-order error estimate, the initial step of
// Hairer's algorithm, and one step size for the whole batch: a step is accepted when every row's
// RMS of err/(atol + rtol·max(|y_old|, |y_new|)) is at most 1. Either direction (s1 < s0 too).

#include "core/runtime/progress.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace ds {
struct OdeOptions;
class ContinuousSchedule;
}  // namespace ds

namespace ds::detail {

// The σ grid of a Heun run, descending from σ_T, ending with σ = 0 (ode.cpp); odeencode.cpp walks it
// upwards.
std::vector<double> heunSigmas(const OdeOptions& o, const ContinuousSchedule& cs);

// Throws std::invalid_argument unless the solver options suit a schedule of T steps (Heun's step
// count or timesteps in 1..T, adaptive tolerances in (0, 1), maxSteps and probes not negative):
// the one check of odeSample, odeNll (ode.cpp) and odeEncode (odeencode.cpp).
void checkOdeOptions(const OdeOptions& o, int T);

using OdeRhs = std::function<at::Tensor(const at::Tensor& y, double s)>;
// Called after every accepted step with the new state and s; may throw (e.g. ds::Cancelled).
using OdeStepHook = std::function<void(const at::Tensor& y, double s)>;

struct OdeStats {
  std::int64_t steps = 0;     // accepted steps
  std::int64_t rejected = 0;  // rejected (adaptive)
};

// Heun (explicit trapezoid) from grid.front() to grid.back(), one step per interval, two
// evaluations of f per step.
at::Tensor solveHeun(const OdeRhs& f, at::Tensor y, const std::vector<double>& grid, const OdeStepHook& hook,
                     OdeStats& stats);

// Dormand–Prince 5(4) from s0 to s1. Throws std::runtime_error after maxSteps attempted steps or
// when the step size underflows.
at::Tensor solveDopri5(const OdeRhs& f, at::Tensor y, double s0, double s1, double rtol, double atol, int maxSteps,
                       const OdeStepHook& hook, OdeStats& stats);

}  // namespace ds::detail
