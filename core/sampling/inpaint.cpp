#include "core/sampling/inpaint.h"

#include "core/runtime/rng.h"
#include "core/sampling/reversestep.h"

#include <ATen/ATen.h>
#include <ATen/ExpandUtils.h>
#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace ds {

namespace {

std::string shapeText(at::IntArrayRef sizes) {
  std::ostringstream os;
  os << sizes;
  return os.str();
}

// The context on the run's device, expanded to x's shape [n, D…].
struct Context {
  at::Tensor mask;   // m: 1 = unknown (fill), 0 = known
  at::Tensor keep;   // 1 − m
  at::Tensor known;  // the known x_0 values, 0 where m = 1 (so a NaN placeholder there cannot leak in)
};

at::Tensor expandTo(const at::Tensor& t, const at::Tensor& x, const char* what) {
  if (!t.defined()) throw std::invalid_argument(std::string("inpaint: the ") + what + " is missing");
  bool ok = t.dim() <= x.dim();
  if (ok) {
    try {
      ok = at::infer_size(t.sizes(), x.sizes()) == x.sizes().vec();
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok) {
    throw std::invalid_argument(std::string("inpaint: the ") + what + " of shape " + shapeText(t.sizes()) +
                                " does not broadcast to the samples' shape " + shapeText(x.sizes()));
  }
  return t.detach().to(x.options()).expand(x.sizes()).contiguous();
}

Context prepareContext(const InpaintRequest& request, const at::Tensor& x) {
  Context c;
  c.mask = expandTo(request.mask, x, "mask");
  if (!c.mask.isfinite().all().item<bool>() || c.mask.min().item<double>() < 0.0 || c.mask.max().item<double>() > 1.0) {
    throw std::invalid_argument("inpaint: mask values must be in [0, 1] (1 = fill, 0 = keep)");
  }
  if (c.mask.max().item<double>() == 0.0) {
    throw std::invalid_argument("inpaint: the mask has no unknown element (1 = fill): there is nothing to inpaint");
  }
  const at::Tensor unknown = c.mask.ge(1.0);
  c.known = expandTo(request.known, x, "known x_0").masked_fill_(unknown, 0.0);
  if (!c.known.isfinite().all().item<bool>()) {
    throw std::invalid_argument("inpaint: the known x_0 values are not finite on the known part of the mask");
  }
  c.keep = 1.0 - c.mask;
  return c;
}

void checkRequest(const InpaintRequest& request) {
  if (request.jump < 1 || request.jump > kMaxInpaintJump) {
    throw std::invalid_argument("inpaint: RePaint jump length j = " + std::to_string(request.jump) + " must be in 1.." +
                                std::to_string(kMaxInpaintJump));
  }
  if (request.resample < 1 || request.resample > kMaxInpaintResample) {
    throw std::invalid_argument("inpaint: RePaint resampling r = " + std::to_string(request.resample) +
                                " must be in 1.." + std::to_string(kMaxInpaintResample));
  }
  if (request.sampler.recordStride < 0) {
    throw std::invalid_argument("recordStride " + std::to_string(request.sampler.recordStride) + " must be >= 0");
  }
}

// The known part of x ← a sample of q(x_t | x_0 = known) = N(√ᾱ_t known, (1−ᾱ_t) I), blended by the
// mask: x ← m·x + (1−m)·(√ᾱ_t known + √(1−ᾱ_t) z). At t = 0 it is known itself (no noise drawn).
void replaceKnown(at::Tensor& x, const Context& c, const NoiseSchedule& schedule, int t, at::Generator& gen,
                  at::Tensor& noise) {
  at::Tensor target;
  if (t == 0) {
    target = c.known;
  } else {
    noise.normal_(0.0, 1.0, gen);
    target = noise.mul(schedule.sqrtOneMinusAlphaBar(t)).add_(c.known, schedule.sqrtAlphaBar(t));
  }
  x.mul_(c.mask).addcmul_(c.keep, target);
}

// RePaint's jump back from t' = `from` up to t = `to` > t': q(x_t | x_t') = N(√(ᾱ_t/ᾱ_t') x, (1−ᾱ_t/ᾱ_t') I).
void noiseUp(at::Tensor& x, const NoiseSchedule& schedule, int from, int to, at::Generator& gen, at::Tensor& noise) {
  const double ratio = schedule.alphaBar(to) / schedule.alphaBar(from);
  noise.normal_(0.0, 1.0, gen);
  x.mul_(std::sqrt(ratio)).add_(noise, std::sqrt(std::max(0.0, 1.0 - ratio)));
}

}  // namespace

InpaintMethod parseInpaintMethod(const std::string& name) {
  if (name == "replace") return InpaintMethod::Replace;
  if (name == "repaint") return InpaintMethod::Repaint;
  if (name == "conditioned") return InpaintMethod::Conditioned;
  throw std::invalid_argument("unknown inpainting method \"" + name + "\" (expected replace, repaint or conditioned)");
}

std::string toString(InpaintMethod method) {
  switch (method) {
    case InpaintMethod::Repaint:
      return "repaint";
    case InpaintMethod::Conditioned:
      return "conditioned";
    case InpaintMethod::Replace:
      break;
  }
  return "replace";
}

// Blocks: the sampler's K reverse steps τ_0 = T > τ_1 > … > τ_{K-1} → 0 are cut into blocks of j
// consecutive steps (the last block may be shorter). Repaint runs each block r times; between runs
// it noises x from the block's end back up to its start. Every block is resampled, the first (from
// T) and the last (ending at t = 0) included. RePaint's own schedule (get_schedule_jump) skips the
// topmost block, where x is nearly pure noise anyway, and jumps back from x_1 rather than x_0; ours
// jumps from the block's end, x_0 for the last block, with the same kernel q(x_t | x_0).
Trajectory inpaint(const Denoiser& model, const NoiseSchedule& schedule, const InpaintRequest& request,
                   const ProgressFn& progress, const CancelToken& cancel) {
  at::NoGradGuard noGrad;
  checkRequest(request);
  const SampleRequest& sr = request.sampler;
  const std::vector<int> steps = detail::plannedTimesteps(sr, schedule.steps());
  at::Generator gen = makeGenerator(sr.seed, sr.device);
  at::Tensor x = detail::startingPoint(sr, gen);
  const Context context = prepareContext(request, x);
  detail::ReverseStep step(model, schedule, sr, gen, x);
  at::Tensor noise = at::empty_like(x);

  const bool replace = request.method != InpaintMethod::Conditioned;
  const auto K = steps.size();
  const std::size_t jump = request.method == InpaintMethod::Repaint ? static_cast<std::size_t>(request.jump) : K;
  const int passes = request.method == InpaintMethod::Repaint ? request.resample : 1;
  const long long total = static_cast<long long>(K) * passes;
  const std::string stage = "inpaint (" + toString(request.method) + ")";
  if (replace) replaceKnown(x, context, schedule, steps.front(), gen, noise);

  Trajectory traj;
  traj.t.push_back(steps.front());
  traj.x.push_back(detail::recordTensor(x));
  traj.x0Pred.emplace_back();

  long long evaluations = 0;
  for (std::size_t begin = 0; begin < K; begin += jump) {
    const std::size_t end = std::min(begin + jump, K);
    for (int pass = 1; pass <= passes; ++pass) {
      const bool finalPass = pass == passes;
      for (std::size_t i = begin; i < end; ++i) {
        if (cancel.isCancelled()) throw Cancelled();
        const int t = steps[i];
        const int prev = i + 1 < K ? steps[i + 1] : 0;
        const at::Tensor x0 = step(x, t, prev);
        // conditioned: no replacement during the chain, only the final x_0's known part is set.
        if (replace || prev == 0) replaceKnown(x, context, schedule, prev, gen, noise);
        if (!x.isfinite().all().item<bool>()) {
          throw NonFiniteError("inpainting went non-finite (inf or NaN) at step t = " + std::to_string(t) + " -> " +
                               std::to_string(prev) + "; the model or the settings make it diverge");
        }
        ++evaluations;
        const auto done = static_cast<long long>(i) + 1;
        if (finalPass && (prev == 0 || (sr.recordStride > 0 && done % sr.recordStride == 0))) {
          traj.t.push_back(prev);
          traj.x.push_back(detail::recordTensor(x));
          traj.x0Pred.push_back(detail::recordTensor(x0));
        }
        if (progress) progress(Progress{evaluations, total, stage});
      }
      if (!finalPass) noiseUp(x, schedule, end < K ? steps[end] : 0, steps[begin], gen, noise);
    }
  }
  return traj;
}

}  // namespace ds
