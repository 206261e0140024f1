#include "core/forward.h"

#include "core/runtime/rng.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <sstream>
#include <stdexcept>

namespace ds {

namespace {

void checkTimestep(const NoiseSchedule& schedule, int t, int lo, const char* what) {
  if (t < lo || t > schedule.steps()) {
    throw std::out_of_range(std::string(what) + ": timestep t = " + std::to_string(t) + " is outside " +
                            std::to_string(lo) + ".." + std::to_string(schedule.steps()));
  }
}

void checkData(const at::Tensor& x, const char* what) {
  if (!x.defined() || x.dim() < 1) throw std::invalid_argument(std::string(what) + ": expected a tensor [N, D...]");
  if (!at::isFloatingType(x.scalar_type())) {
    throw std::invalid_argument(std::string(what) + ": expected a floating-point tensor");
  }
}

// A per-row coefficient [N] reshaped to broadcast over [N, D...].
at::Tensor rowView(const at::Tensor& coef, const at::Tensor& like) {
  std::vector<std::int64_t> shape(static_cast<std::size_t>(like.dim()), 1);
  shape[0] = coef.size(0);
  return coef.to(like.scalar_type()).view(shape);
}

// Copy for a Trajectory: CPU float32, never aliasing a tensor the chain keeps updating.
at::Tensor record(const at::Tensor& x) {
  return x.detach().to(at::kCPU, at::kFloat, /*non_blocking=*/false, /*copy=*/true);
}

}  // namespace

at::Tensor qSample(const NoiseSchedule& schedule, const at::Tensor& x0, const at::Tensor& t, const at::Tensor& noise) {
  checkData(x0, "qSample");
  if (!noise.defined() || noise.sizes() != x0.sizes()) {
    throw std::invalid_argument("qSample: the noise must have the shape of x_0");
  }
  if (!t.defined() || t.dim() != 1 || t.size(0) != x0.size(0)) {
    throw std::invalid_argument("qSample: t must be an int64 tensor [N] with one timestep per row of x_0");
  }
  const at::Tensor tl = t.to(x0.device(), at::kLong);
  if (tl.numel() > 0) {
    const auto lo = tl.min().item<std::int64_t>();
    const auto hi = tl.max().item<std::int64_t>();
    if (lo < 0 || hi > schedule.steps()) {
      throw std::out_of_range("qSample: timestep " + std::to_string(lo < 0 ? lo : hi) + " is outside 0.." +
                              std::to_string(schedule.steps()));
    }
  }
  const at::Tensor ab =
      at::tensor(schedule.alphaBars(), at::TensorOptions().dtype(at::kDouble)).to(x0.device()).index_select(0, tl);
  return rowView(ab.sqrt(), x0) * x0 + rowView((1.0 - ab).sqrt(), x0) * noise.to(x0.options());
}

at::Tensor qSample(const NoiseSchedule& schedule, const at::Tensor& x0, int t, at::Generator& gen) {
  checkData(x0, "qSample");
  checkTimestep(schedule, t, 0, "qSample");
  const at::Tensor noise = at::randn(x0.sizes(), gen, x0.options());
  return x0 * schedule.sqrtAlphaBar(t) + noise * schedule.sqrtOneMinusAlphaBar(t);
}

at::Tensor qStep(const NoiseSchedule& schedule, const at::Tensor& xPrev, int t, at::Generator& gen) {
  checkData(xPrev, "qStep");
  checkTimestep(schedule, t, 1, "qStep");
  const at::Tensor noise = at::randn(xPrev.sizes(), gen, xPrev.options());
  return xPrev * std::sqrt(schedule.alpha(t)) + noise * std::sqrt(schedule.beta(t));
}

Trajectory recordForwardChain(const NoiseSchedule& schedule, const at::Tensor& x0, int stride, std::uint64_t seed,
                              const ProgressFn& progress, const CancelToken& cancel) {
  checkData(x0, "recordForwardChain");
  if (stride < 1)
    throw std::invalid_argument("recordForwardChain: stride " + std::to_string(stride) + " must be at least 1");
  at::NoGradGuard noGrad;
  const int T = schedule.steps();
  at::Generator gen = makeGenerator(seed, x0.device());
  Trajectory traj;
  auto keep = [&traj](int t, const at::Tensor& x) {
    traj.t.push_back(t);
    traj.x.push_back(record(x));
    traj.x0Pred.emplace_back();
  };
  at::Tensor x = x0.detach().clone();
  at::Tensor noise = at::empty_like(x);
  keep(0, x);
  for (int t = 1; t <= T; ++t) {
    if (cancel.isCancelled()) throw Cancelled();
    // x_t = √α_t x_{t-1} + √β_t ε, in place.
    noise.normal_(0.0, 1.0, gen);
    x.mul_(std::sqrt(schedule.alpha(t))).add_(noise, std::sqrt(schedule.beta(t)));
    if (t % stride == 0 || t == T) keep(t, x);
    if (progress) progress(Progress{t, T, "forward"});
  }
  return traj;
}

}  // namespace ds
