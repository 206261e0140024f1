#include "core/likelihood/odefield.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace ds {

namespace {
constexpr double kLog2Pi = 1.8378770664093454836;  // log(2π)
}  // namespace

ContinuousSchedule::ContinuousSchedule(const NoiseSchedule& schedule) {
  const auto& ab = schedule.alphaBars();
  m_logAlphaBar.reserve(ab.size());
  for (double a : ab) m_logAlphaBar.push_back(std::log(a));
}

double ContinuousSchedule::logAlphaBar(double t) const {
  const int T = steps();
  if (!(t >= 0.0 && t <= T)) {
    throw std::out_of_range("continuous time t = " + std::to_string(t) + " is outside [0, " + std::to_string(T) + "]");
  }
  const int k = std::min(static_cast<int>(std::floor(t)), T - 1);
  const double w = t - k;
  return (1.0 - w) * m_logAlphaBar[static_cast<std::size_t>(k)] + w * m_logAlphaBar[static_cast<std::size_t>(k) + 1];
}

double ContinuousSchedule::alphaBar(double t) const { return std::exp(logAlphaBar(t)); }

// (1−ᾱ)/ᾱ = exp(−log ᾱ) − 1, through expm1 so that σ keeps its digits for ᾱ close to 1.
double ContinuousSchedule::sigma(double t) const { return std::sqrt(std::expm1(-logAlphaBar(t))); }

double ContinuousSchedule::timeForSigma(double sigma) const {
  if (!(sigma >= 0.0)) throw std::out_of_range("sigma must be >= 0");
  const double target = -std::log1p(sigma * sigma);  // log ᾱ, decreasing in t
  const int T = steps();
  if (target <= m_logAlphaBar.back()) return T;
  // The first k with log ᾱ_{k+1} <= target (log ᾱ is strictly decreasing).
  const auto it = std::lower_bound(m_logAlphaBar.begin(), m_logAlphaBar.end(), target,
                                   [](double a, double value) { return a > value; });
  const int k1 = static_cast<int>(it - m_logAlphaBar.begin());  // log ᾱ_{k1} <= target < log ᾱ_{k1−1}
  if (k1 == 0) return 0.0;
  const double a = m_logAlphaBar[static_cast<std::size_t>(k1) - 1], b = m_logAlphaBar[static_cast<std::size_t>(k1)];
  return (k1 - 1) + (a - target) / (a - b);
}

EpsField::EpsField(const Denoiser& model, const NoiseSchedule& schedule)
    : m_model(model), m_exact(dynamic_cast<const ExactMixtureDenoiser*>(&model)), m_continuous(schedule) {}

// E[ε | x] for the mixture diffused to ᾱ = 1/(1+σ²): component j of q_ᾱ is N(√ᾱ μ_j, v_j I) with
// v_j = ᾱ s_j² + 1 − ᾱ, and ε = √(1−ᾱ) Σ_j p(j|x) (x − √ᾱ μ_j)/v_j (gmm.cpp, expectedEps).
// Written without in-place ops so that autograd can differentiate it.
at::Tensor EpsField::exactEps(const at::Tensor& x, double sigma) const {
  const GaussianMixture& data = m_exact->data();
  const auto D = static_cast<std::int64_t>(data.dim());
  const auto N = x.size(0);
  const double s2 = sigma * sigma;
  const double ab = 1.0 / (1.0 + s2), oneMinus = s2 / (1.0 + s2);
  std::vector<double> logW, means, vars;
  for (const auto& c : data.components()) {
    logW.push_back(std::log(c.weight));
    means.insert(means.end(), c.mean.begin(), c.mean.end());
    vars.push_back(ab * c.std * c.std + oneMinus);
  }
  const auto K = static_cast<std::int64_t>(logW.size());
  const auto opts = x.options().dtype(at::kDouble).requires_grad(false);
  const at::Tensor lw = at::tensor(logW, at::kDouble).to(opts.device());
  const at::Tensor mu = at::tensor(means, at::kDouble).view({K, D}).to(opts.device()) * std::sqrt(ab);
  const at::Tensor v = at::tensor(vars, at::kDouble).to(opts.device());
  const at::Tensor flat = x.reshape({N, 1, D});
  const at::Tensor diff = flat - mu.unsqueeze(0);  // [N, K, D]
  const at::Tensor sq = (diff * diff).sum(2);      // [N, K]
  const at::Tensor logJoint =
      lw.unsqueeze(0) - sq / (2.0 * v.unsqueeze(0)) - 0.5 * D * (v.log() + kLog2Pi).unsqueeze(0);
  const at::Tensor coef = at::softmax(logJoint, 1) / v.unsqueeze(0);  // p(j|x)/v_j
  const at::Tensor eps = (coef.unsqueeze(2) * diff).sum(1) * std::sqrt(oneMinus);
  return eps.view(x.sizes());
}

at::Tensor EpsField::learnedEps(const at::Tensor& x, int t) const {
  ++m_evaluations;
  const at::Tensor tt = at::full({x.size(0)}, static_cast<std::int64_t>(t), x.options().dtype(at::kLong));
  return m_model.predictEps(x.to(at::kFloat), tt).to(at::kDouble);
}

at::Tensor EpsField::operator()(const at::Tensor& x, double sigma) const {
  if (m_exact) {
    ++m_evaluations;
    return exactEps(x, sigma);
  }
  const double t = m_continuous.timeForSigma(sigma);
  if (t <= 1.0) {
    if (sigma <= 0.0) return at::zeros_like(x);  // the true ε vanishes at σ = 0; no model call
    return learnedEps(x, 1) * (sigma / m_continuous.sigma(1.0));
  }
  const int k = std::min(static_cast<int>(std::floor(t)), m_continuous.steps() - 1);
  const double w = t - k;
  if (w < 1e-12) return learnedEps(x, k);
  if (w > 1.0 - 1e-12) return learnedEps(x, k + 1);
  return learnedEps(x, k) * (1.0 - w) + learnedEps(x, k + 1) * w;
}

bool EpsField::differentiable(const at::Tensor& like) const {
  if (m_exact) return true;
  if (m_differentiable < 0) {
    at::AutoGradMode enable(true);
    const at::Tensor probe = at::zeros_like(like.select(0, 0).unsqueeze(0)).to(at::kDouble).requires_grad_(true);
    const at::Tensor eps = learnedEps(probe, std::max(1, m_continuous.steps() / 2));
    --m_evaluations;  // a probe, not part of the solve
    m_differentiable = eps.requires_grad() ? 1 : 0;
  }
  return m_differentiable == 1;
}

}  // namespace ds
