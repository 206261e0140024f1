#pragma once
// Inpainting with a diffusion model: fill the unknown part of x_0 given the known part.
//  - replace: the naive method of the lecture. After every reverse step the known part of x is
//    replaced by a fresh sample of q(x_{t_prev} | x_0 = known), so the unconditional model only
//    ever sees a hazy (noised) context; the unknown part can commit to something the context
//    later contradicts, which shows as artifacts / a biased conditional.
//  - repaint: Lugmayr et al. 2022 (RePaint): the same replacement, and each block of j reverse
//    steps is run r times, noising back up to the block's start between runs so that the
//    unknown part gets more chances to harmonise with the context.
//  - conditioned: the model itself sees the clean context (the caller passes a conditioned
//    denoiser, e.g. ExactConditionalMixtureDenoiser or an inpainting U-Net); the chain runs
//    unchanged and only the final x_0's known part is set to `known`.

#include "core/models/denoiser.h"
#include "core/runtime/progress.h"
#include "core/sampling/sampler.h"
#include "core/sampling/trajectory.h"
#include "core/schedule.h"

#include <ATen/core/Tensor.h>

#include <string>

namespace ds {

enum class InpaintMethod { Replace, Repaint, Conditioned };

// "replace" | "repaint" | "conditioned"; std::invalid_argument naming the choices otherwise.
InpaintMethod parseInpaintMethod(const std::string& name);
std::string toString(InpaintMethod method);

constexpr int kMaxInpaintJump = 1000;
constexpr int kMaxInpaintResample = 100;

struct InpaintRequest {
  InpaintMethod method = InpaintMethod::Replace;
  at::Tensor known;  // x_0 values on the known part, broadcastable to [n, D…] (values where mask = 1 are ignored)
  at::Tensor mask;   // broadcastable to [n, D…]: 1 = unknown (fill), 0 = known; values in between blend
  int jump = 10;     // RePaint jump length j (in sampler steps), 1..kMaxInpaintJump
  int resample = 5;  // RePaint r: each block of j steps is run r times in all (r = 1: plain replacement)
  // kind (ddpm/ddim), samplingSteps, eta, n, seed, recordStride, labels, xT, sampleShape, device, clipX0.
  SampleRequest sampler;
};

// Runs the inpainting chain. The trajectory is laid out as sample()'s: x_T first, t descending to
// 0, x at t = 0 is the result (its known part equals `known` where mask = 0). recordStride counts
// reverse steps along the sampler's timestep sequence; with repaint only the last of the r runs
// of each block is recorded, so t still descends monotonically. x̂_0 is the model's own
// prediction (before any replacement). Progress total = the number of model evaluations
// (r·steps for repaint). The same request (seed, device) gives the same numbers; repaint with
// r = 1 gives exactly replace's numbers. Throws ds::Cancelled when cancelled and
// std::invalid_argument for a bad request.
Trajectory inpaint(const Denoiser& model, const NoiseSchedule& schedule, const InpaintRequest& request,
                   const ProgressFn& progress = {}, const CancelToken& cancel = {});

}  // namespace ds
