#include "core/posterior.h"

#include <ATen/ATen.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace ds {

namespace {

constexpr double kLog2Pi = 1.8378770664093454836;

void checkTimestep(const NoiseSchedule& schedule, int t, int lo, const char* what) {
  if (t < lo || t > schedule.steps()) {
    throw std::invalid_argument(std::string(what) + ": timestep t = " + std::to_string(t) + " is outside " +
                                std::to_string(lo) + ".." + std::to_string(schedule.steps()));
  }
}

void checkPoint(const GaussianMixture& data, const std::vector<double>& xt, const char* what) {
  if (data.empty()) throw std::invalid_argument(std::string(what) + ": the data mixture is empty");
  if (static_cast<int>(xt.size()) != data.dim()) {
    throw std::invalid_argument(std::string(what) + ": x_t has " + std::to_string(xt.size()) +
                                " coordinates but the data are " + std::to_string(data.dim()) + "-D");
  }
  for (double v : xt) {
    if (!std::isfinite(v)) throw std::invalid_argument(std::string(what) + ": x_t is not finite");
  }
}

}  // namespace

GaussianPosterior qPosterior(const NoiseSchedule& schedule, const at::Tensor& x0, const at::Tensor& xt, int t) {
  checkTimestep(schedule, t, 1, "qPosterior");
  if (!x0.defined() || !xt.defined() || x0.sizes() != xt.sizes()) {
    throw std::invalid_argument("qPosterior: x_0 and x_t must be tensors of the same shape");
  }
  GaussianPosterior p;
  p.mean = x0 * schedule.posteriorMeanCoef1(t) + xt * schedule.posteriorMeanCoef2(t);
  p.variance = schedule.posteriorVariance(t);
  p.logVarianceClipped = schedule.posteriorLogVarianceClipped(t);
  return p;
}

JumpKernel forwardJump(const NoiseSchedule& schedule, int t, int jump) {
  checkTimestep(schedule, t, 1, "forwardJump");
  if (jump < 1 || jump > t) {
    throw std::invalid_argument("forwardJump: jump k = " + std::to_string(jump) +
                                " must be in 1..t = " + std::to_string(t));
  }
  // ᾱ_t/ᾱ_{t-k} = ∏_{s=t-k+1}^{t} α_s: multiply directly, which stays accurate where ᾱ underflows.
  double ratio = 1.0;
  for (int s = t - jump + 1; s <= t; ++s) ratio *= schedule.alpha(s);
  return JumpKernel{std::sqrt(ratio), 1.0 - ratio};
}

GaussianMixture exactReversePosterior(const GaussianMixture& data, const NoiseSchedule& schedule,
                                      const std::vector<double>& xt, int t, int jump) {
  checkPoint(data, xt, "exactReversePosterior");
  const JumpKernel kernel = forwardJump(schedule, t, jump);
  const double a = kernel.scale, c = kernel.variance;
  const GaussianMixture prior = data.diffused(schedule.alphaBar(t - jump));  // q(x_{t-k})
  const double D = static_cast<double>(data.dim());

  std::vector<GaussianComponent> out;
  std::vector<double> logWeights;
  for (const auto& comp : prior.components()) {
    const double v = comp.std * comp.std;
    const double var = 1.0 / (1.0 / v + a * a / c);
    const double evidenceVar = a * a * v + c;  // q(x_t | j) = N(a m_j, (a² v_j + c) I)
    GaussianComponent g;
    double sq = 0;
    for (std::size_t d = 0; d < xt.size(); ++d) {
      g.mean.push_back(var * (comp.mean[d] / v + a * xt[d] / c));
      const double r = xt[d] - a * comp.mean[d];
      sq += r * r;
    }
    g.std = std::sqrt(var);
    out.push_back(std::move(g));
    logWeights.push_back(std::log(comp.weight) - 0.5 * D * (kLog2Pi + std::log(evidenceVar)) - 0.5 * sq / evidenceVar);
  }
  // Normalise in log space; a component too unlikely to represent keeps the smallest normal weight
  // so the mixture keeps one component per data component.
  const double top = *std::max_element(logWeights.begin(), logWeights.end());
  for (std::size_t j = 0; j < out.size(); ++j) {
    out[j].weight = std::max(std::exp(logWeights[j] - top), std::numeric_limits<double>::min());
  }
  return GaussianMixture(std::move(out));
}

GaussianMixture idealGaussianStep(const GaussianMixture& data, const NoiseSchedule& schedule,
                                  const std::vector<double>& xt, int t) {
  checkPoint(data, xt, "idealGaussianStep");
  checkTimestep(schedule, t, 2, "idealGaussianStep");
  const auto dbl = at::TensorOptions().dtype(at::kDouble);
  const at::Tensor x = at::tensor(xt, dbl).view({1, data.dim()});
  const at::Tensor x0 = data.expectedX0(x, at::scalar_tensor(schedule.alphaBar(t), dbl)).contiguous();
  const double* x0p = x0.data_ptr<double>();
  GaussianComponent g;
  for (int d = 0; d < data.dim(); ++d) {
    g.mean.push_back(schedule.posteriorMeanCoef1(t) * x0p[d] +
                     schedule.posteriorMeanCoef2(t) * xt[static_cast<std::size_t>(d)]);
  }
  g.std = std::sqrt(schedule.posteriorVariance(t));
  return GaussianMixture({g});
}

GaussianMixture gaussianStepFromEps(const NoiseSchedule& schedule, const std::vector<double>& xt,
                                    const std::vector<double>& eps, int t) {
  if (xt.empty() || eps.size() != xt.size())
    throw std::invalid_argument("gaussianStepFromEps: x_t and ε must be non-empty and of equal size");
  if (t < 2 || t > schedule.steps())
    throw std::invalid_argument("gaussianStepFromEps: t = " + std::to_string(t) + " is outside 2.." +
                                std::to_string(schedule.steps()));
  const double ab = schedule.alphaBar(t);
  GaussianComponent g;
  for (std::size_t d = 0; d < xt.size(); ++d) {
    const double x0 = (xt[d] - std::sqrt(1.0 - ab) * eps[d]) / std::sqrt(ab);
    g.mean.push_back(schedule.posteriorMeanCoef1(t) * x0 + schedule.posteriorMeanCoef2(t) * xt[d]);
  }
  g.std = std::sqrt(schedule.posteriorVariance(t));
  return GaussianMixture({g});
}

GaussianMixture forwardLikelihood(const NoiseSchedule& schedule, const std::vector<double>& xt, int t, int jump) {
  if (xt.empty()) throw std::invalid_argument("forwardLikelihood: x_t is empty");
  const JumpKernel kernel = forwardJump(schedule, t, jump);
  GaussianComponent g;
  for (double v : xt) g.mean.push_back(v / kernel.scale);
  g.std = std::sqrt(kernel.variance) / kernel.scale;
  return GaussianMixture({g});
}

}  // namespace ds
