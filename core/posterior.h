#pragma once
// Reverse-time conditionals: the closed-form q(x_{t-1}|x_t,x_0), and for Gaussian-mixture data the
// exact reverse posterior q(x_{t-k}|x_t) for any jump k (a mixture itself).

#include "core/gmm.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>

#include <vector>

namespace ds {

struct GaussianPosterior {
  at::Tensor mean;      // μ̃_t(x_t, x_0), shape of x_t
  double variance = 0;  // β̃_t
  double logVarianceClipped = 0;
};

// q(x_{t-1} | x_t, x_0) = N(μ̃_t, β̃_t I)   (Ho et al. 2020, eqs. 6-7); t in 1..T.
GaussianPosterior qPosterior(const NoiseSchedule& schedule, const at::Tensor& x0, const at::Tensor& xt, int t);

// The Gaussian kernel of a k-step forward jump: q(x_t | x_{t-k}) = N(a·x_{t-k}, c I),
// a = √(ᾱ_t/ᾱ_{t-k}), c = 1 - ᾱ_t/ᾱ_{t-k}.
struct JumpKernel {
  double scale = 1;     // a
  double variance = 0;  // c
};
JumpKernel forwardJump(const NoiseSchedule& schedule, int t, int jump);

// q(x_{t-k} | x_t) ∝ q(x_t | x_{t-k}) q(x_{t-k}) for mixture data: each component j of the prior
// q(x_{t-k}) (mean m_j, variance v_j) becomes a Gaussian with variance (1/v_j + a²/c)⁻¹ and mean
// var·(m_j/v_j + a·x_t/c), reweighted by w_j N(x_t; a m_j, a² v_j + c).
// Requires 1 ≤ jump ≤ t ≤ T and xt.size() == data.dim(). Throws std::invalid_argument otherwise.
GaussianMixture exactReversePosterior(const GaussianMixture& data, const NoiseSchedule& schedule,
                                      const std::vector<double>& xt, int t, int jump);

// The Gaussian reverse step N(μ̃_t(x_t, E[x_0|x_t]), β̃_t) that a perfect ε-predictor takes
// from x_t (t ≥ 2), returned as a one-component mixture.
GaussianMixture idealGaussianStep(const GaussianMixture& data, const NoiseSchedule& schedule,
                                  const std::vector<double>& xt, int t);

// The Gaussian reverse step N(μ̃_t(x_t, x̂_0), β̃_t) of any ε-predictor that predicted `eps` at x_t:
// x̂_0 = (x_t − √(1−ᾱ_t) ε)/√ᾱ_t (Ho et al. 2020, eq. 15), μ̃_t = coef1·x̂_0 + coef2·x_t (eq. 7).
// With eps = E[ε | x_t] it is idealGaussianStep. Requires 2 ≤ t ≤ T and eps.size() == xt.size().
GaussianMixture gaussianStepFromEps(const NoiseSchedule& schedule, const std::vector<double>& xt,
                                    const std::vector<double>& eps, int t);

// The forward likelihood q(x_t | x_{t-k}) = N(x_t; a·x_{t-k}, c I) read as a function of x_{t-k}:
// a Gaussian in x_{t-k} with mean x_t/a and std √c/a, times the constant a^{-D}. Returned
// normalised (a one-component mixture of area 1) so it can share an axis with densities.
GaussianMixture forwardLikelihood(const NoiseSchedule& schedule, const std::vector<double>& xt, int t, int jump);

}  // namespace ds
