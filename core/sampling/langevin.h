#pragma once
// Score and Langevin dynamics over the Denoiser interface.
//
// The score of the noised marginal is ∇log q(x_t) = −ε̂(x_t, t)/√(1−ᾱ_t) (Vincent 2011; Song et al.
// 2021, §3.3: an optimal ε-predictor is a scaled score). Langevin dynamics at a fixed t,
//   x ← x + δ ∇log q(x_t) + √(2δ) z,  z ~ N(0, I),
// leaves q(x_t) invariant as δ → 0; annealed Langevin (Song & Ermon 2019) runs it at a sequence of
// decreasing t, each level starting where the last one ended.
//
// Step size: either fixed, or from a signal-to-noise ratio r (Song et al. 2021, Alg. 5, for the VP
// SDE: δ = 2 α_t (r ‖z‖/‖∇log q‖)², with α_t = 1 − β_t and the norms averaged over the batch, as in
// their code), so the noise is r times the drift whatever the level.

#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Generator.h>
#include <ATen/core/Tensor.h>
#include <c10/core/Device.h>

#include <cstdint>
#include <vector>

namespace ds {

// ∇log q(x_t) = −ε̂(x, t)/√(1−ᾱ_t) for x [N, D…] at one t in 1..T (std::out_of_range otherwise).
at::Tensor scoreAt(const Denoiser& model, const NoiseSchedule& schedule, const at::Tensor& x, int t);

// One Langevin update of x in place at level t; returns the step size δ used. stepSize > 0 is used
// as given; otherwise the SNR rule with `snr`. `noise` is scratch of x's shape.
double langevinStep(const Denoiser& model, const NoiseSchedule& schedule, at::Tensor& x, int t, double stepSize,
                    double snr, at::Generator& gen, at::Tensor& noise);

struct LangevinRequest {
  // The levels, in the order visited (1..T each): one entry = Langevin at a fixed t; several
  // (descending) = annealed Langevin. Use annealedLevels() for an evenly spaced sequence.
  std::vector<int> levels;
  int stepsPerLevel = 100;
  double stepSize = 0.0;  // > 0: fixed δ (in x units²); 0: the SNR rule
  double snr = 0.16;      // Song et al. 2021's value for their VP models
  std::int64_t n = 1000;
  std::uint64_t seed = 0;
  at::Tensor xStart;                      // optional [n, D…]; drawn from N(0, I) when undefined
  std::vector<std::int64_t> sampleShape;  // per-sample shape; required if xStart undefined
  c10::Device device = c10::Device(c10::kCPU);
  // Record x every recordStride updates (plus the start and the end); 0 records only those two.
  int recordStride = 0;
  // After the last level, replace x by x̂_0 = (x − √(1−ᾱ_t) ε̂)/√ᾱ_t at the last level's t
  // (Tweedie's denoising step, as at the end of Song et al.'s samplers).
  bool denoiseFinal = false;
};

struct LangevinRun {
  // Recorded particles, with Trajectory::t the level of each entry (a GUI animates these paths);
  // the final entry is x̂_0 (t = 0) when denoiseFinal.
  Trajectory trajectory;
  std::vector<long long> iteration;  // the update count at each recorded entry (0 = the start)
  std::vector<double> stepSizes;     // δ of every update, in order
  std::int64_t evaluations = 0;      // denoiser calls
};

// `count` evenly spaced descending levels from T down to 1 inclusive ({T} when count = 1);
// std::invalid_argument unless 1 ≤ count ≤ T.
std::vector<int> annealedLevels(int T, int count);

// Throws std::invalid_argument for a bad request, ds::Cancelled, NonFiniteError (sampler.h) when x diverges.
LangevinRun langevin(const Denoiser& model, const NoiseSchedule& schedule, const LangevinRequest& request,
                     const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
