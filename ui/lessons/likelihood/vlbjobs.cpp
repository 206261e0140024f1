#include "ui/lessons/likelihood/vlbjobs.h"

#include "core/models/denoiser.h"
#include "core/runtime/rng.h"

#include <ATen/ATen.h>

#include <cmath>
#include <limits>

namespace ds::ui {

VlbPageResult runVlbPage(const VlbPageRequest& request, const ProgressFn& progress, const CancelToken& cancel) {
  const NoiseSchedule schedule(request.schedule);
  const int T = schedule.steps();
  // ModelStore publishes CPU copies of learned networks: a learned model's bound runs on the CPU
  // (an MLP on 1-D or 2-D points is cheap there); the exact denoiser runs on the chosen device.
  const c10::Device device = request.learned ? c10::Device(c10::kCPU) : request.device;
  at::Generator gen = makeGenerator(request.seed, device);
  const at::Tensor x0 = request.mixture.sample(request.points, gen, device).to(at::kDouble);

  VlbOptions options;
  options.variance = request.variance;
  options.sampledT = 0;  // the exact sum over every t: one term per bar
  options.seed = request.seed + 1;
  options.device = device;
  VlbResult bound;
  if (request.learned) {
    options.doubleInput = false;  // networks take float
    bound = variationalBound(*request.learned, schedule, x0, options, progress, cancel);
  } else {
    // The formula denoiser in double: its ε̂ is exact to rounding, so the bars show the bound's own
    // gap, not float error (which at t near 0 is amplified by 1/√(1−ᾱ_t)).
    options.doubleInput = true;
    const ExactMixtureDenoiser exact(request.mixture, schedule);
    bound = variationalBound(exact, schedule, x0, options, progress, cancel);
  }
  if (cancel.isCancelled()) throw Cancelled();

  VlbPageResult out;
  out.request = request;
  out.dims = static_cast<int>(bound.dims);
  const at::Tensor mean = meanTerms(bound).to(at::kCPU).contiguous();
  out.terms.assign(mean.data_ptr<double>(), mean.data_ptr<double>() + mean.numel());
  out.weights.assign(static_cast<size_t>(T) + 1, std::numeric_limits<double>::quiet_NaN());
  for (int t = 1; t <= T; ++t) out.weights[static_cast<size_t>(t)] = vlbEpsWeight(schedule, request.variance, t);
  const at::Tensor nll = mixtureNegLogLikelihood(request.mixture, x0).to(at::kCPU);
  const at::Tensor gap = bound.nats.to(at::kCPU) - nll;
  out.vlb = bound.nats.mean().item<double>();
  out.nll = nll.mean().item<double>();
  out.gapError = request.points > 1 ? gap.std().item<double>() / std::sqrt(double(request.points)) : 0.0;
  out.evaluations = bound.evaluations;
  return out;
}

}  // namespace ds::ui
