#include "core/likelihood/odesolver.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace ds::detail {

namespace {

// Dormand–Prince 5(4) tableau (Hairer, Nørsett & Wanner, Table II.5.2).
constexpr double kC[7] = {0.0, 1.0 / 5, 3.0 / 10, 4.0 / 5, 8.0 / 9, 1.0, 1.0};
constexpr double kA[7][6] = {
    {},
    {1.0 / 5},
    {3.0 / 40, 9.0 / 40},
    {44.0 / 45, -56.0 / 15, 32.0 / 9},
    {19372.0 / 6561, -25360.0 / 2187, 64448.0 / 6561, -212.0 / 729},
    {9017.0 / 3168, -355.0 / 33, 46732.0 / 5247, 49.0 / 176, -5103.0 / 18656},
    {35.0 / 384, 0.0, 500.0 / 1113, 125.0 / 192, -2187.0 / 6784, 11.0 / 84},
};
// 5th-order weights are the last row of kA (FSAL); the error is Σ (b5_i − b4_i) k_i h.
constexpr double kErr[7] = {35.0 / 384 - 5179.0 / 57600,
                            0.0,
                            500.0 / 1113 - 7571.0 / 16695,
                            125.0 / 192 - 393.0 / 640,
                            -2187.0 / 6784 + 92097.0 / 339200,
                            11.0 / 84 - 187.0 / 2100,
                            -1.0 / 40};

// The worst row's RMS of e / scale.
double rowRmsMax(const at::Tensor& e, const at::Tensor& scale) {
  return (e / scale).pow(2).mean(1).sqrt().max().item<double>();
}

}  // namespace

at::Tensor solveHeun(const OdeRhs& f, at::Tensor y, const std::vector<double>& grid, const OdeStepHook& hook,
                     OdeStats& stats) {
  for (std::size_t i = 0; i + 1 < grid.size(); ++i) {
    const double s0 = grid[i], s1 = grid[i + 1], h = s1 - s0;
    const at::Tensor k1 = f(y, s0);
    const at::Tensor k2 = f(y + h * k1, s1);
    y = y + (0.5 * h) * (k1 + k2);
    ++stats.steps;
    if (hook) hook(y, s1);
  }
  return y;
}

at::Tensor solveDopri5(const OdeRhs& f, at::Tensor y, double s0, double s1, double rtol, double atol, int maxSteps,
                       const OdeStepHook& hook, OdeStats& stats) {
  if (s0 == s1) return y;
  const double dir = s1 > s0 ? 1.0 : -1.0;
  const double span = std::abs(s1 - s0);
  auto scaleOf = [&](const at::Tensor& a, const at::Tensor& b) { return atol + rtol * at::maximum(a.abs(), b.abs()); };

  // Initial step (Hairer, Nørsett & Wanner II.4, "starting step size").
  at::Tensor k1 = f(y, s0);
  double h;
  {
    const at::Tensor sc = scaleOf(y, y);
    const double d0 = rowRmsMax(y, sc), d1 = rowRmsMax(k1, sc);
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 * std::max(1.0, span) : 0.01 * d0 / d1;
    h0 = std::min(h0, span);
    const at::Tensor k2 = f(y + (dir * h0) * k1, s0 + dir * h0);
    const double d2 = rowRmsMax(k2 - k1, sc) / h0;
    const double h1 = std::max(d1, d2) <= 1e-15 ? std::max(1e-6, h0 * 1e-3) : std::pow(0.01 / std::max(d1, d2), 0.2);
    h = std::min({100.0 * h0, h1, span});
  }

  double s = s0;
  int attempts = 0;
  while (dir * (s1 - s) > 0.0) {
    if (++attempts > maxSteps) {
      throw std::runtime_error("the adaptive ODE solver did not reach the end in " + std::to_string(maxSteps) +
                               " steps (at s = " + std::to_string(s) + " of " + std::to_string(s1) +
                               "); loosen rtol/atol or use fixed Heun steps");
    }
    const bool last = h >= std::abs(s1 - s);
    if (last) h = std::abs(s1 - s);
    const double hs = dir * h;
    at::Tensor k[7];
    k[0] = k1;
    for (int i = 1; i < 7; ++i) {
      at::Tensor yi = y.clone();
      for (int j = 0; j < i; ++j) {
        if (kA[i][j] != 0.0) yi.add_(k[j], hs * kA[i][j]);
      }
      k[i] = f(yi, last && i >= 5 ? s1 : s + kC[i] * hs);
      if (i == 6) {
        // y5 = the stage-7 argument (FSAL); keep it for acceptance.
        at::Tensor err = at::zeros_like(y);
        for (int j = 0; j < 7; ++j) {
          if (kErr[j] != 0.0) err.add_(k[j], hs * kErr[j]);
        }
        const double e = rowRmsMax(err, scaleOf(y, yi));
        if (!std::isfinite(e)) throw std::runtime_error("the ODE solution went non-finite (inf or NaN)");
        if (e <= 1.0) {
          y = yi;
          s = last ? s1 : s + hs;
          k1 = k[6];
          ++stats.steps;
          if (hook) hook(y, s);
        } else {
          ++stats.rejected;
        }
        const double factor = e == 0.0 ? 10.0 : std::clamp(0.9 * std::pow(e, -0.2), 0.2, 10.0);
        h *= e <= 1.0 ? factor : std::min(1.0, factor);
        if (h < 1e-14 * std::max(1.0, std::abs(s))) {
          throw std::runtime_error("the adaptive ODE solver's step size underflowed at s = " + std::to_string(s));
        }
      }
    }
  }
  return y;
}

}  // namespace ds::detail
