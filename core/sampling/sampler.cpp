#include "core/sampling/sampler.h"

#include "core/runtime/rng.h"
#include "core/sampling/reversestep.h"

#include <ATen/ATen.h>
#include <ATen/core/grad_mode.h>

#include <stdexcept>
#include <string>

namespace ds {

SamplerKind parseSamplerKind(const std::string& name) {
  if (name == "ddpm") return SamplerKind::Ddpm;
  if (name == "ddim") return SamplerKind::Ddim;
  throw std::invalid_argument("unknown sampler \"" + name + "\" (expected ddpm or ddim)");
}

std::string toString(SamplerKind kind) { return kind == SamplerKind::Ddim ? "ddim" : "ddpm"; }

std::vector<int> ddimTimesteps(int T, int S) {
  if (T < 1) throw std::invalid_argument("ddimTimesteps: T = " + std::to_string(T) + " must be positive");
  if (S < 1 || S > T) {
    throw std::invalid_argument("sampling steps S = " + std::to_string(S) + " must be in 1.." + std::to_string(T));
  }
  // τ_i = round(i·T/S), i = S..1: evenly spaced, strictly decreasing (T/S ≥ 1), τ_S = T, τ_1 ≥ 1.
  std::vector<int> ts;
  for (std::int64_t i = S; i >= 1; --i) {
    ts.push_back(static_cast<int>((2 * i * T + S) / (2 * static_cast<std::int64_t>(S))));
  }
  return ts;
}

Trajectory sample(const Denoiser& model, const NoiseSchedule& schedule, const SampleRequest& request,
                  const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  const int T = schedule.steps();
  const std::vector<int> steps = detail::plannedTimesteps(request, T);
  if (request.recordStride < 0) {
    throw std::invalid_argument("recordStride " + std::to_string(request.recordStride) + " must be >= 0");
  }
  at::Generator gen = makeGenerator(request.seed, request.device);
  at::Tensor x = detail::startingPoint(request, gen);
  detail::ReverseStep step(model, schedule, request, gen, x);
  const std::string stage = toString(request.kind);
  const auto total = static_cast<long long>(steps.size());

  Trajectory traj;
  traj.t.push_back(steps.front());
  traj.x.push_back(detail::recordTensor(x));
  traj.x0Pred.emplace_back();

  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (cancel.isCancelled()) throw Cancelled();
    const int t = steps[i];
    const int prev = i + 1 < steps.size() ? steps[i + 1] : 0;
    const at::Tensor x0 = step(x, t, prev);
    detail::finishStep(traj, x, x0, t, prev, T, static_cast<long long>(i) + 1, total, request.recordStride, stage,
                       progress);
  }
  return traj;
}

}  // namespace ds
