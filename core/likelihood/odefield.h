#pragma once
// Continuous time for a discrete schedule, and the noise prediction ε(x, σ) at any σ — what the
// probability-flow ODE (ode.h) integrates.
//
// Continuous ᾱ: log ᾱ(t) is piecewise linear between the integer t = 0..T of the schedule
// (ᾱ(0) = 1), so ᾱ(t) is continuous and strictly decreasing, and equals the schedule's ᾱ_t at
// every integer t. σ(t) = √((1−ᾱ)/ᾱ) = √(expm1(−log ᾱ)) is then strictly increasing from 0 to σ_T.
//
// ε at continuous σ:
//  - ExactMixtureDenoiser: exactly E[ε | x] at ᾱ = 1/(1+σ²) for the diffused mixture,
//    ε = −√(1−ᾱ) ∇log q_ᾱ(x), in differentiable double torch ops (autograd gives the Jacobian);
//    the schedule only sets σ_T.
//  - any other (learned) denoiser, which only knows integer t: between t = k and k+1 (k ≥ 1) the
//    two predictions are mixed linearly in t, ε = (1−w) ε̂(x, k) + w ε̂(x, k+1); on [0, 1] the
//    score is held at its t = 1 value, ε = (σ/σ_1) ε̂(x, 1), which goes to 0 at σ = 0 as the true
//    ε does. The MLP keeps an autograd graph when x requires grad (exact divergence); networks
//    that run under InferenceMode (the U-Net) give none, and their divergence is then taken by
//    central differences (see ode.cpp).

#include "core/models/denoiser.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>

#include <cstdint>
#include <vector>

namespace ds {

class ContinuousSchedule {
 public:
  explicit ContinuousSchedule(const NoiseSchedule& schedule);

  int steps() const { return static_cast<int>(m_logAlphaBar.size()) - 1; }
  double logAlphaBar(double t) const;  // t in [0, T]
  double alphaBar(double t) const;
  double sigma(double t) const;             // √((1−ᾱ)/ᾱ)
  double timeForSigma(double sigma) const;  // inverse of sigma(t), σ in [0, σ_T]
  double sigmaMax() const { return sigma(steps()); }

 private:
  std::vector<double> m_logAlphaBar;  // [T+1], log ᾱ_t
};

class EpsField {
 public:
  EpsField(const Denoiser& model, const NoiseSchedule& schedule);

  // ε(x, σ) for x: double [N, D…] on the model's device; returns double [N, D…]. For the exact
  // mixture the result carries x's autograd graph.
  at::Tensor operator()(const at::Tensor& x, double sigma) const;

  // Whether autograd through operator() gives the Jacobian (exact mixture; learned networks only
  // when their predictEps keeps the graph — checked once on the first call with a grad-requiring x).
  bool differentiable(const at::Tensor& like) const;
  bool isExact() const { return m_exact != nullptr; }

  // Denoiser calls so far (an exact-mixture evaluation counts as one call).
  std::int64_t evaluations() const { return m_evaluations; }
  const ContinuousSchedule& schedule() const { return m_continuous; }

 private:
  at::Tensor exactEps(const at::Tensor& x, double sigma) const;
  at::Tensor learnedEps(const at::Tensor& x, int t) const;

  const Denoiser& m_model;
  const ExactMixtureDenoiser* m_exact = nullptr;
  ContinuousSchedule m_continuous;
  mutable std::int64_t m_evaluations = 0;
  mutable int m_differentiable = -1;  // -1 unknown, 0 no, 1 yes
};

}  // namespace ds
