#include "core/training/metrics.h"

#include "core/runtime/rng.h"
#include "core/sampling/sampler.h"

#include <ATen/ATen.h>
#include <c10/core/InferenceMode.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace ds {

namespace {

at::Tensor asPoints(const at::Tensor& x, const char* what) {
  if (!x.defined() || x.dim() != 2 || x.size(0) < 1) {
    throw std::invalid_argument(std::string(what) + " must be a non-empty [N, D] point set");
  }
  return x.detach().to(at::kCPU, at::kDouble);
}

// Quantile function of sorted values [K, N] at m evenly spaced levels (i + ½)/m → [K, m].
at::Tensor quantiles(const at::Tensor& sorted, std::int64_t m) {
  const auto n = sorted.size(1);
  if (n == m) return sorted;
  auto pos = (at::arange(m, at::kDouble).add_(0.5).div_(static_cast<double>(m))).mul_(static_cast<double>(n)).sub_(0.5);
  pos.clamp_(0, static_cast<double>(n - 1));
  auto lo = pos.floor().to(at::kLong);
  auto hi = (lo + 1).clamp_max_(n - 1);
  auto frac = (pos - lo.to(at::kDouble)).unsqueeze(0);
  auto vlo = sorted.index_select(1, lo);
  auto vhi = sorted.index_select(1, hi);
  return vlo + (vhi - vlo) * frac;
}

}  // namespace

double slicedWasserstein(const at::Tensor& aIn, const at::Tensor& bIn, int projections, std::uint64_t seed) {
  c10::InferenceMode guard;
  auto a = asPoints(aIn, "slicedWasserstein: the first set");
  auto b = asPoints(bIn, "slicedWasserstein: the second set");
  if (a.size(1) != b.size(1)) throw std::invalid_argument("slicedWasserstein: the sets have different dimensions");
  if (projections < 1) throw std::invalid_argument("slicedWasserstein: projections must be at least 1");
  const auto D = a.size(1);
  at::Tensor dirs;
  if (D == 1) {
    dirs = at::ones({1, 1}, at::kDouble);
  } else {
    auto gen = makeGenerator(seed, at::kCPU);
    dirs = at::randn({projections, D}, gen, at::TensorOptions().dtype(at::kDouble));
    dirs = dirs / dirs.norm(2, {1}, /*keepdim=*/true);
  }
  auto pa = std::get<0>(at::sort(at::mm(dirs, a.t()), 1));  // [K, N]
  auto pb = std::get<0>(at::sort(at::mm(dirs, b.t()), 1));  // [K, M]
  const auto m = std::max(pa.size(1), pb.size(1));
  auto diff = quantiles(pa, m) - quantiles(pb, m);
  return std::sqrt(diff.pow(2).mean().item<double>());
}

double mmdRbf(const at::Tensor& aIn, const at::Tensor& bIn, double bandwidth) {
  c10::InferenceMode guard;
  auto a = asPoints(aIn, "mmdRbf: the first set");
  auto b = asPoints(bIn, "mmdRbf: the second set");
  if (a.size(1) != b.size(1)) throw std::invalid_argument("mmdRbf: the sets have different dimensions");
  constexpr std::int64_t kMax = 4000;
  a = a.slice(0, 0, std::min(a.size(0), kMax));
  b = b.slice(0, 0, std::min(b.size(0), kMax));
  const auto n = a.size(0), m = b.size(0);
  if (n < 2 || m < 2) throw std::invalid_argument("mmdRbf: each set needs at least 2 points");
  auto daa = at::cdist(a, a).pow_(2);
  auto dbb = at::cdist(b, b).pow_(2);
  auto dab = at::cdist(a, b).pow_(2);
  double h = bandwidth;
  if (!(h > 0)) {
    auto pooled = at::cat({a, b}, 0);
    auto sub = pooled.slice(0, 0, std::min<std::int64_t>(pooled.size(0), 1000));
    h = at::cdist(sub, sub).flatten().median().item<double>();
    if (!(h > 0)) h = 1.0;
  }
  const double g = 1.0 / (2 * h * h);
  auto kaa = daa.mul_(-g).exp_();
  auto kbb = dbb.mul_(-g).exp_();
  auto kab = dab.mul_(-g).exp_();
  // Unbiased: drop the diagonal (k(x,x) = 1) of the within-set terms.
  const double saa = (kaa.sum().item<double>() - n) / static_cast<double>(n * (n - 1));
  const double sbb = (kbb.sum().item<double>() - m) / static_cast<double>(m * (m - 1));
  const double sab = kab.mean().item<double>();
  return saa + sbb - 2 * sab;
}

double ksDistance(std::vector<double> samples, const GaussianMixture& mixture1d) {
  if (samples.empty()) throw std::invalid_argument("ksDistance: no samples");
  if (mixture1d.dim() != 1) {
    throw std::invalid_argument("ksDistance: the mixture must be 1-D, it is " + std::to_string(mixture1d.dim()) + "-D");
  }
  for (double v : samples) {
    if (!std::isfinite(v)) throw std::invalid_argument("ksDistance: a sample is not finite");
  }
  std::sort(samples.begin(), samples.end());
  // The empirical CDF jumps from i/n to (i+1)/n at the i-th order statistic; the sup is at a jump.
  const double n = static_cast<double>(samples.size());
  double d = 0;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const double f = mixture1d.cdf(samples[i]);
    d = std::max({d, static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n});
  }
  return d;
}

QualityReport compareSamples(const at::Tensor& samples, const at::Tensor& reference, std::uint64_t seed) {
  QualityReport r;
  r.n = samples.size(0);
  r.slicedW2 = slicedWasserstein(samples, reference, 128, seed);
  r.mmd2 = mmdRbf(samples, reference);
  return r;
}

at::Tensor sampleDenoiser(const Denoiser& model, const NoiseSchedule& schedule, int dim, std::int64_t n,
                          std::uint64_t seed, const c10::Device& device, const ProgressFn& progress,
                          const CancelToken& cancel) {
  SampleRequest req;
  req.kind = SamplerKind::Ddpm;
  req.n = n;
  req.seed = seed;
  req.sampleShape = {dim};
  req.device = device;
  return sample(model, schedule, req, progress, cancel).final().to(at::kCPU, at::kFloat);
}

QualityReport compareToExact(const Denoiser& model, const GaussianMixture& data, const NoiseSchedule& schedule,
                             std::int64_t n, std::uint64_t seed, const c10::Device& device) {
  ExactMixtureDenoiser exact(data, schedule);
  auto learned = sampleDenoiser(model, schedule, data.dim(), n, seed, device);
  auto reference = sampleDenoiser(exact, schedule, data.dim(), n, seed, device);
  QualityReport r = compareSamples(learned, reference, seed);
  auto gen = makeGenerator(seed + 1, at::kCPU);
  r.floorSlicedW2 = slicedWasserstein(reference, data.sample(n, gen, at::kCPU), 128, seed);
  return r;
}

}  // namespace ds
